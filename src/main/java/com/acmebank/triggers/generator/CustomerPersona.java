package com.acmebank.triggers.generator;

import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who one customer is: the CRM profile, the habits that drive daily traffic, and the one-off story the customer
 * lives through in the simulated period (opening an account, going dormant and coming back, moving money away).
 * Drawn once from the seed and the customer's number and never changed, so every pass over the traffic agrees.
 */
final class CustomerPersona {
    /** The customer's storyline; at most one per customer. */
    enum Kind { REGULAR, DORMANT, NEWCOMER, CHURNER }

    /** How the end-of-day balance moves: a free walk, or steered across the S7 thresholds. */
    enum BalanceStyle { WALK, CLIMBER, OSCILLATOR }

    private static final long DAY = 86_400_000L;
    private static final long MINUTE = 60_000L;
    private static final long NEVER = Long.MAX_VALUE;
    /** The largest activity factor: at most 100x the average rate (heavy spenders pay 2.2x that again). */
    private static final double MAX_ACTIVITY = 100;

    final int index;
    final String id;
    final boolean hasProfile;

    // the CRM profile
    final String name;
    final String tier;
    final List<String> segments = new ArrayList<>(2);
    final LocalDate birthDate;
    final int zoneIndex;
    final ZoneId zone;
    final String language;
    /** 0: consent per channel below; 1: no consent object at all; 2: every channel refused. */
    final int consentMode;
    final boolean push;
    final boolean sms;
    final boolean email;
    final long updatedAt;

    // habits
    final Kind kind;
    final boolean student;
    final boolean retiree;
    final boolean smallBusiness;
    final boolean crossBorder;
    final boolean heavySpender;
    final boolean hasCredit;
    final boolean appUser;
    final boolean fundHolder;
    final boolean canBorrow;
    final String device;
    final double payRate;
    final double spendScale;
    boolean payroll;
    /** Day of month of the salary, 31 meaning the last day; 0 for no salary. */
    int payday;
    long salary;
    /** Regular monthly salaries only after this instant (a new customer's first salary is planned separately). */
    long salaryFrom = Long.MIN_VALUE;
    /** Monthly non-salary income (pension, family support) as a TRANSFER_IN on this day of month; 0 for none. */
    int incomeDay;
    long income;
    boolean pension;
    final long settlementBase;
    final long transferScale;
    final long investScale;
    long initialBalance;
    /** The balance the customer is used to keeping; routine transfers out stop at 60% of it. */
    long usualBalance;
    final BalanceStyle style;
    int climbDay = -1;
    long climbTarget;
    int climbDay2 = -1;
    long climbTarget2;

    // the story
    /** Before this instant the customer does not exist (a new customer's account opening). */
    long existsFrom = Long.MIN_VALUE;
    /** Before this instant only balance snapshots (a dormant customer). */
    long quietUntil = Long.MIN_VALUE;
    /** Before this instant no customer-initiated transaction (dormancy, or a new customer who has not started). */
    long activeFrom = Long.MIN_VALUE;
    /** Planned one-off events, in time order. */
    final List<GeneratedEvent> plans = new ArrayList<>(0);
    /**
     * Events before the start, emitted first as history: a dormant customer's last transaction 150-200 days
     * before, or the opening of an account a few days before.
     */
    final List<GeneratedEvent> history = new ArrayList<>(0);

    private final Settings settings;

    CustomerPersona(int index, Settings settings) {
        this.index = index;
        this.settings = settings;
        this.id = id(index);
        SplittableRandom r = Rng.of(settings.seed(), Rng.PERSONA, index);

        hasProfile = !Rng.chance(r, 0.005);
        tier = switch (Rng.weighted(r, new double[]{70, 18, 9, 3})) {
            case 0 -> "MASS";
            case 1 -> "SILVER";
            case 2 -> "GOLD";
            default -> "DIAMOND";
        };
        int tierLevel = tierLevel(tier);
        double stage = r.nextDouble();
        student = stage < 0.08;
        retiree = !student && stage < 0.24;
        boolean working = !student && !retiree;
        int birthYear = student ? Rng.between(r, 2000, 2006) : retiree ? Rng.between(r, 1950, 1965) : Rng.between(r, 1966, 1999);
        LocalDate birth = Year.of(birthYear).atDay(1 + r.nextInt(Year.of(birthYear).length()));
        if (Rng.chance(r, 0.003)) {
            // a leap-day birthday: S14 must find it on 28 February in other years
            int leap = birthYear - Math.floorMod(birthYear, 4);
            birth = LocalDate.of(leap < 1950 ? leap + 4 : leap, 2, 29);
        }
        birthDate = birth;
        smallBusiness = working && Rng.chance(r, 0.065);
        payroll = student ? Rng.chance(r, 0.10) : working && !smallBusiness && Rng.chance(r, 0.82);
        boolean youngFamily = working && birthYear >= 1982 && birthYear <= 1998 && Rng.chance(r, 0.35);
        if (student) {
            segments.add("STUDENT");
        }
        if (retiree) {
            segments.add("RETIREE");
        }
        if (smallBusiness) {
            segments.add("SMALL_BUSINESS");
        }
        if (youngFamily) {
            segments.add("YOUNG_FAMILY");
        }
        if (payroll && segments.size() < 2 && Rng.chance(r, 0.9)) {
            segments.add("PAYROLL");
        }

        zoneIndex = Rng.weighted(r, Catalog.ZONE_WEIGHTS);
        zone = Catalog.ZONES[zoneIndex];
        language = Rng.chance(r, zoneIndex >= 3 ? 0.4 : 0.9) ? "zh-CN" : "en-US";
        name = Catalog.name(r);
        if (Rng.chance(r, 0.03)) {
            consentMode = Rng.chance(r, 0.5) ? 1 : 2;
            push = false;
            sms = false;
            email = false;
        } else {
            consentMode = 0;
            push = Rng.chance(r, 0.876);
            sms = Rng.chance(r, 0.72);
            email = Rng.chance(r, 0.41);
        }
        // last CRM change: some day in the 400 days before the start, before the start in every time zone
        updatedAt = settings.start().atStartOfDay(Catalog.ZONES[0]).toInstant().toEpochMilli()
                - (1 + r.nextInt(400)) * DAY + r.nextInt(86_400) * 1000L;

        double k = r.nextDouble();
        double churnShare = new double[]{0.003, 0.006, 0.012, 0.02}[tierLevel];
        kind = k < 0.02 ? Kind.DORMANT : k < 0.05 ? Kind.NEWCOMER
                : k < 0.05 + churnShare && !student ? Kind.CHURNER : Kind.REGULAR;
        boolean regular = kind == Kind.REGULAR;
        crossBorder = regular && !student && Rng.chance(r, new double[]{0.01, 0.03, 0.05, 0.08}[tierLevel]);
        heavySpender = (regular || kind == Kind.NEWCOMER) && Rng.chance(r, 0.05);
        hasCredit = !student ? Rng.chance(r, crossBorder ? 0.9 : heavySpender ? 0.75 : 0.45) : Rng.chance(r, 0.1);
        appUser = Rng.chance(r, retiree ? 0.5 : 0.85);
        device = Rng.chance(r, 0.35) ? "ios" : "android";
        fundHolder = (regular || kind == Kind.CHURNER) && Rng.chance(r, new double[]{0.18, 0.35, 0.5, 0.6}[tierLevel]);
        canBorrow = !student && birthYear <= settings.start().getYear() - 22;
        // mean 1 at any spread; capped so that no one customer outgrows a day's worth of Poisson draws
        double sigma = settings.skew();
        double activity = Math.min(MAX_ACTIVITY, Rng.lognormal(r, Math.exp(-sigma * sigma / 2), sigma));
        payRate = 1.55 * activity * (heavySpender ? 2.2 : 1) * (student ? 0.8 : 1) * (retiree ? 0.6 : 1);
        spendScale = new double[]{0.9, 1.05, 1.2, 1.4}[tierLevel] * (heavySpender ? 1.8 : 1) * (student ? 0.5 : 1);

        if (payroll) {
            payday = new int[]{10, 15, 25, 31}[Rng.weighted(r, new double[]{25, 25, 35, 15})];
            salary = drawSalary(r, tierLevel);
        }
        if (retiree) {
            pension = true;
            incomeDay = Rng.chance(r, 0.5) ? 5 : 15;
            income = Cents.of(Rng.uniform(r, 2_500, 9_000));
        } else if (!payroll && !smallBusiness) {
            incomeDay = Rng.between(r, 1, 28);
            income = Cents.roundDown(Cents.of(student ? Rng.uniform(r, 1_500, 4_000) : Rng.uniform(r, 3_000, 15_000)), 100);
        }
        if (smallBusiness) {
            settlementBase = Rng.chance(r, 0.08) ? Cents.of(Rng.uniform(r, 9_000, 13_000))
                    : Cents.clamp(Cents.of(Rng.lognormal(r, 3_000, 0.5)), Cents.yuan(1_200), Cents.yuan(8_000));
        } else {
            settlementBase = 0;
        }

        // deposits by tier (the tier follows assets); draws outside the tier's band are redrawn inside it
        double balance = switch (tierLevel) {
            case 0 -> inBand(r, Rng.lognormal(r, 12_000, 0.9), 300, 45_000, 20_000);
            case 1 -> inBand(r, Rng.lognormal(r, 110_000, 0.5), 55_000, 480_000, 80_000);
            case 2 -> inBand(r, Rng.lognormal(r, 450_000, 0.5), 300_000, 4_000_000, 400_000);
            default -> inBand(r, Rng.lognormal(r, 2_000_000, 0.6), 1_000_000, 50_000_000, 1_500_000);
        };
        if (student) {
            balance = Math.min(balance, Rng.lognormal(r, 2_000, 0.8));
        }
        // most people keep one to three months of income in the account; a few live from payday to payday
        double monthly = (payroll ? salary : income > 0 ? income : settlementBase * 20) / 100.0;
        if (monthly > 0 && Rng.chance(r, 0.94)) {
            balance = Math.max(balance, Math.min(tierLevel == 0 ? 45_000 : Double.MAX_VALUE, monthly * Rng.uniform(r, student ? 1.5 : 1.0, 3.0)));
        }
        double s = r.nextDouble();
        style = regular && tierLevel <= 1 && !student ? (s < 0.035 ? BalanceStyle.CLIMBER : s < 0.047 ? BalanceStyle.OSCILLATOR
                : BalanceStyle.WALK) : BalanceStyle.WALK;
        if (style == BalanceStyle.CLIMBER) {
            balance = Rng.uniform(r, 38_000, 48_000);
        } else if (style == BalanceStyle.OSCILLATOR) {
            balance = Rng.uniform(r, 45_000, 50_000);
        }
        initialBalance = Cents.of(balance);
        usualBalance = initialBalance;

        long monthlyIncome = payroll ? salary : income > 0 ? income : smallBusiness ? settlementBase * 6 : Cents.yuan(3_000);
        transferScale = Math.max(Cents.yuan(50), Math.max(monthlyIncome * 3 / 100, initialBalance * 4 / 1000));
        investScale = Math.max(Cents.yuan(1_000), initialBalance * 8 / 100);

        SplittableRandom plan = Rng.of(settings.seed(), Rng.PLANS, index);
        switch (kind) {
            case NEWCOMER -> planNewcomer(plan, tierLevel);
            case DORMANT -> planDormancy(plan);
            case CHURNER -> planChurn(plan);
            default -> { }
        }
        if (fundHolder) {
            planFunds(plan);
        }
        if (style == BalanceStyle.CLIMBER) {
            planClimb(plan);
        }
        plans.sort(Comparator.comparingLong(e -> e.time));
        long start = settings.start().atStartOfDay(zone).toInstant().toEpochMilli();
        while (!plans.isEmpty() && plans.get(0).time < start) {
            history.add(plans.remove(0));
        }
    }

    /** The value if it lies in [low, high], else a uniform draw between low (or high) and {@code fallback}. */
    private static double inBand(SplittableRandom r, double value, double low, double high, double fallback) {
        if (value < low) {
            return Rng.uniform(r, low, Math.max(low, fallback));
        }
        if (value > high) {
            return Rng.uniform(r, Math.min(high, fallback), high);
        }
        return value;
    }

    static String id(int index) {
        return String.format("C%07d", index);
    }

    static int tierLevel(String tier) {
        return switch (tier) {
            case "MASS" -> 0;
            case "SILVER" -> 1;
            case "GOLD" -> 2;
            default -> 3;
        };
    }

    /** Whether the salary is paid on this date (payday 31 means the last day of the month). */
    boolean isPayday(LocalDate date) {
        return payday > 0 && date.getDayOfMonth() == Math.min(payday, date.lengthOfMonth());
    }

    private long drawSalary(SplittableRandom r, int tierLevel) {
        if (student) {
            return Cents.of(Rng.uniform(r, 1_500, 4_500));
        }
        double u = r.nextDouble();
        if (u < 0.10) {
            return Cents.of(Rng.uniform(r, 1_800, 2_999.99));     // below the S2 threshold
        }
        if (u < 0.11) {
            return Cents.yuan(3_000);                              // exactly at the threshold
        }
        double median = new double[]{7_500, 11_000, 16_000, 24_000}[tierLevel];
        double yuan = Rng.lognormal(r, median, 0.45);
        return yuan < 3_000 ? Cents.of(Rng.uniform(r, 3_000.01, 4_000)) : Math.min(Cents.of(yuan), Cents.yuan(40_000));
    }

    /**
     * S3 and S13: the opening, the first deposit, maybe a first salary, and a first transaction early, late or
     * never. A new customer whose first salary comes 29-31 days after the opening opened a few days before the
     * start (history), so that the S3 boundary falls inside the period.
     */
    private void planNewcomer(SplittableRandom r, int tierLevel) {
        int span = settings.planningDays();
        payroll = Rng.chance(r, 0.5);
        double d = r.nextDouble();
        int salaryAfter = d < 0.7 ? Rng.between(r, 1, 28) : d < 0.8 ? 29 : d < 0.9 ? 30 : 31;
        boolean exactlyThirtyDays = salaryAfter == 30 && Rng.chance(r, 0.5);
        int openDay = payroll && salaryAfter >= 29 ? -Rng.between(r, salaryAfter - 28, salaryAfter - 26) : r.nextInt(span);
        LocalDate openDate = settings.start().plusDays(openDay);
        long openedAt = at(openDate, Rng.between(r, 9 * 3600, 21 * 3600 - 1));
        existsFrom = openedAt;
        quietUntil = openedAt;
        initialBalance = 0;
        GeneratedEvent opened = event(GeneratedEvent.ACCOUNT_OPENED, openedAt);
        opened.channel = Rng.chance(r, 0.6) ? "APP" : "BRANCH";
        opened.forced = true;
        plans.add(opened);
        GeneratedEvent deposit = event(GeneratedEvent.TRANSFER_IN, openedAt + Rng.between(r, 5, 90) * MINUTE);
        deposit.amount = Cents.clamp(Cents.roundDown(Cents.of(Rng.lognormal(r, 3_000, 1.0)), 100), Cents.yuan(100), Cents.yuan(200_000));
        deposit.counterpartyBank = Catalog.otherBank(r);
        deposit.forced = true;
        plans.add(deposit);
        usualBalance = deposit.amount;

        double u = r.nextDouble();
        long first;
        if (u < 0.45) {
            first = openedAt + Rng.between(r, 20, 20 * 60) * MINUTE;          // transacts within the day
        } else if (u < 0.50) {
            first = openedAt + 7 * DAY;                                        // exactly 7 days: still "within"
        } else if (u < 0.55) {
            first = openedAt + 7 * DAY + 1000;                                 // one second too late: nudged first
        } else if (u < 0.75) {
            first = openedAt + Rng.between(r, 1, 6) * DAY + Rng.between(r, 0, 600) * MINUTE;
        } else {
            first = Rng.chance(r, 0.6) ? openedAt + Rng.between(r, 8, 20) * DAY + Rng.between(r, 0, 600) * MINUTE : NEVER;
        }
        activeFrom = first;
        if (first != NEVER) {
            plans.add(firstTransaction(r, first, false));
        }

        if (payroll) {
            salary = drawSalary(r, tierLevel);
            long firstSalary = exactlyThirtyDays
                    ? openedAt + 30 * DAY                                      // exactly 30 days after the opening
                    : at(openDate.plusDays(salaryAfter), morning(r));
            GeneratedEvent pay = event(GeneratedEvent.SALARY_CREDIT, firstSalary);
            pay.amount = salary;
            pay.forced = true;
            plans.add(pay);
            LocalDate payDate = java.time.Instant.ofEpochMilli(firstSalary).atZone(zone).toLocalDate();
            payday = payDate.getDayOfMonth() == payDate.lengthOfMonth() ? 31 : payDate.getDayOfMonth();
            salaryFrom = firstSalary;
            incomeDay = 0;
        } else {
            payday = 0;
            if (!smallBusiness && !retiree) {
                incomeDay = Rng.between(r, 1, 28);
                income = Cents.roundDown(Cents.of(Rng.uniform(r, 3_000, 12_000)), 100);
            }
        }
    }

    /** S4 and S5: one old transaction, then silence; some come back exactly 180 days later, some at 179 or 200. */
    private void planDormancy(SplittableRandom r) {
        payroll = false;
        payday = 0;
        pension = false;
        incomeDay = Rng.between(r, 1, 28);                          // paid in again once back
        income = Cents.roundDown(Cents.of(Rng.uniform(r, 2_000, 8_000)), 100);
        initialBalance = Cents.of(500 + Rng.lognormal(r, 2_000, 1.0));
        usualBalance = initialBalance;
        int horizon = Math.min(settings.planningDays(), 30);
        double u = r.nextDouble();
        long last;
        if (u < 0.40) {
            int before = Rng.between(r, 150, 200);
            last = at(settings.start().minusDays(before), waking(r));
            activeFrom = NEVER;
        } else {
            int returnDay = r.nextInt(horizon);
            long back = at(settings.start().plusDays(returnDay), waking(r));
            int gap = u < 0.55 ? 180 : u < 0.65 ? 179 : u < 0.75 ? 200 : Rng.between(r, 181, 200 + returnDay);
            last = back - gap * DAY;
            activeFrom = back;
            GeneratedEvent topUp = event(GeneratedEvent.TRANSFER_IN, back - Rng.between(r, 10, 120) * MINUTE);
            topUp.amount = Cents.roundDown(Cents.of(Rng.lognormal(r, 5_000, 0.8)), 100);
            topUp.counterpartyBank = Catalog.otherBank(r);
            topUp.forced = true;
            plans.add(topUp);
            usualBalance = initialBalance + topUp.amount;
            plans.add(firstTransaction(r, back, true));
        }
        quietUntil = activeFrom;
        history.add(firstTransaction(r, last, true));
    }

    /** S8: money moved to other banks within a week (well over, exactly at, or just under 100,000), or drained slowly. */
    private void planChurn(SplittableRandom r) {
        int span = settings.planningDays();
        int startDay = Rng.between(r, 4, Math.max(4, span - 9));
        planChurnTransfers(r, startDay);
        usualBalance = initialBalance;
    }

    private void planChurnTransfers(SplittableRandom r, int startDay) {
        String bank = Catalog.otherBank(r);
        double u = r.nextDouble();
        if (u < 0.6) {
            initialBalance = Cents.of(Rng.uniform(r, 160_000, 800_000));
            long total = Cents.roundDown(Math.max(Cents.yuan(100_000), (long) (initialBalance * Rng.uniform(r, 0.6, 0.9))), 1_000);
            int n = Rng.between(r, 2, 4);
            long left = total;
            for (int i = 0; i < n; i++) {
                long part = i == n - 1 ? left : Cents.roundDown((long) (total / n * Rng.uniform(r, 0.7, 1.2)), 1_000);
                part = Math.min(part, left);
                left -= part;
                plans.add(churnTransfer(r, startDay + Math.min(5, i * 2 + r.nextInt(2)), part, bank));
            }
        } else if (u < 0.7) {
            initialBalance = Cents.of(Rng.uniform(r, 260_000, 600_000));
            plans.add(churnTransfer(r, startDay, Cents.yuan(60_000), bank));
            plans.add(churnTransfer(r, startDay + Rng.between(r, 1, 5), Cents.yuan(40_000), bank));   // exactly 100,000.00
        } else if (u < 0.8) {
            initialBalance = Cents.of(Rng.uniform(r, 260_000, 600_000));
            plans.add(churnTransfer(r, startDay, Cents.yuan(50_000), bank));
            plans.add(churnTransfer(r, startDay + Rng.between(r, 1, 5), Cents.yuan(50_000) - 1, bank)); // 99,999.99
            plans.add(churnTransfer(r, startDay + 8, Cents.yuan(20_000), bank));
        } else {
            initialBalance = Cents.of(Rng.uniform(r, 120_000, 180_000));
            long part = Cents.roundDown(initialBalance / 4, 1_000);
            for (int i = 0; i < 3; i++) {
                plans.add(churnTransfer(r, startDay + 5 * i, part, bank));              // never 100,000 in 7 days
            }
        }
    }

    private GeneratedEvent churnTransfer(SplittableRandom r, int day, long amount, String bank) {
        GeneratedEvent e = event(GeneratedEvent.TRANSFER_OUT, at(settings.start().plusDays(day), Rng.between(r, 9 * 3600, 17 * 3600)));
        e.amount = amount;
        e.counterpartyBank = bank;
        e.channel = "ONLINE";
        e.forced = true;                                            // leaving: no cushion kept
        return e;
    }

    /** S15 holders: a few funds bought in the first days; some are redeemed in full later, some in part. */
    private void planFunds(SplittableRandom r) {
        int span = settings.planningDays();
        int n = Rng.between(r, 1, 3);
        long budget = (long) (initialBalance * Rng.uniform(r, 0.15, 0.4));
        String firstFund = null;
        for (int i = 0; i < n; i++) {
            String fund = Catalog.fund(r);
            if (i > 0 && fund.equals(firstFund)) {
                continue;
            }
            GeneratedEvent buy = event(GeneratedEvent.PRODUCT_PURCHASE, at(settings.start().plusDays(r.nextInt(Math.min(4, span))), waking(r)));
            buy.amount = Cents.roundDown((long) (budget / n * Rng.uniform(r, 0.7, 1.3)), 100);
            buy.productId = fund;
            buy.productType = "FUND";
            buy.channel = "APP";
            plans.add(buy);
            if (i == 0) {
                firstFund = fund;
            }
        }
        double u = r.nextDouble();
        if (u < 0.28 && span > 8) {
            GeneratedEvent sell = event(GeneratedEvent.PRODUCT_REDEMPTION,
                    at(settings.start().plusDays(Rng.between(r, 8, Math.max(8, span - 2))), waking(r)));
            sell.productId = firstFund;
            sell.productType = "FUND";
            sell.channel = "APP";
            sell.redeemPercent = u < 0.2 ? 100 : 50;
            plans.add(sell);
        }
    }

    /** S7: the balance crosses 50,000 on a chosen day: exactly 50,000.00, or first to 49,999.99 and a few days later above. */
    private void planClimb(SplittableRandom r) {
        int span = settings.planningDays();
        climbDay = Rng.between(r, 1, Math.max(1, span - 2));
        double u = r.nextDouble();
        if (u < 0.3) {
            climbTarget = Cents.yuan(50_000);
        } else if (u < 0.5) {
            climbTarget = Cents.yuan(50_000) - 1;
            climbDay2 = climbDay + Rng.between(r, 1, 3);
            climbTarget2 = Cents.of(Rng.uniform(r, 50_000, 60_000));
        } else {
            climbTarget = Cents.of(Rng.uniform(r, 50_000.01, 65_000));
        }
    }

    /** A customer-initiated transaction: a card payment, a transfer out or a product purchase. */
    private GeneratedEvent firstTransaction(SplittableRandom r, long time, boolean deposit) {
        double u = r.nextDouble();
        GeneratedEvent e;
        if (u < 0.65) {
            e = event(GeneratedEvent.CARD_PAYMENT, time);
            Catalog.Merchant m = Catalog.domestic(r);
            e.merchantId = m.id();
            e.merchantName = m.name();
            e.mcc = m.mcc();
            e.channel = Rng.pick(r, m.channels());
            e.country = "CN";
            e.cardType = hasCredit && Rng.chance(r, 0.5) ? "CREDIT" : "DEBIT";
            e.amount = Cents.clamp(Cents.of(Rng.lognormal(r, 80 * m.amountFactor(), 0.7)), 100, Cents.yuan(5_000));
        } else if (u < 0.88) {
            e = event(GeneratedEvent.TRANSFER_OUT, time);
            e.amount = Cents.roundDown(Cents.of(Rng.lognormal(r, 800, 0.8)), 10);
            e.counterpartyBank = Rng.chance(r, 0.5) ? Catalog.OWN_BANK : Catalog.otherBank(r);
            e.channel = "APP";
        } else {
            e = event(GeneratedEvent.PRODUCT_PURCHASE, time);
            e.amount = Cents.roundDown(Cents.of(Rng.lognormal(r, 2_000, 0.6)), 100);
            e.productId = deposit ? Catalog.DEPOSITS[r.nextInt(Catalog.DEPOSITS.length)] : Catalog.fund(r);
            e.productType = deposit ? "DEPOSIT" : "FUND";
            e.channel = "APP";
        }
        e.forced = true;
        return e;
    }

    private GeneratedEvent event(String type, long time) {
        return new GeneratedEvent(type, id, time, DayFrame.offset(zone, time));
    }

    private long at(LocalDate date, int secondOfDay) {
        return new DayFrame(date, zone).at(secondOfDay);
    }

    /** Salary hours: 07:00-10:59, most around 09:00. */
    static int morning(SplittableRandom r) {
        return (7 + MORNING.draw(r)) * 3600 + r.nextInt(3600);
    }

    private static final Rng.Table WAKING = new Rng.Table(
            new double[]{1.2, 0.6, 0.3, 0.2, 0.2, 0.4, 1.5, 3.5, 5, 5, 5, 6.5, 8, 6, 5, 5, 5, 6, 8, 8, 7, 6, 4, 2.2});
    private static final Rng.Table MORNING = new Rng.Table(new double[]{1, 3, 4, 2});

    /** A second of the day weighted by when people are awake: mostly 08:00-23:00, a little at night. */
    static int waking(SplittableRandom r) {
        return WAKING.draw(r) * 3600 + r.nextInt(3600);
    }
}
