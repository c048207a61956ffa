package com.acmebank.triggers.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One customer's traffic for one local day: the routine (payments, salary, transfers, logins, settlements, the
 * odd purchase or loan), the planned story events that fall on the day, and the money they move, which the
 * late-evening balance snapshot reports. The behaviour model lives here; the persona says who, this says what.
 */
final class CustomerDay {
    private static final long DAY = 86_400_000L;
    private static final long MINUTE = 60_000L;
    /** About 0.25% of eligible customers take a loan in a 30-day month. */
    private static final double LOAN_DAILY = 0.0025 / 30;
    private static final Comparator<GeneratedEvent> BY_TIME = Comparator.comparingLong(e -> e.time);

    private final long seed;
    private final ArrayList<GeneratedEvent> day = new ArrayList<>(32);

    CustomerDay(Settings settings) {
        this.seed = settings.seed();
    }

    /** Appends the customer's events of the day, in time order, to {@code out}, and updates the account. */
    void generate(CustomerPersona p, Account a, int dayIndex, DayFrame f, List<GeneratedEvent> out) {
        if (f.end <= p.existsFrom) {
            return;
        }
        SplittableRandom r = Rng.of(seed, Rng.CUSTOMER_DAY, p.index, dayIndex);
        day.clear();
        takePlanned(p, a, f);
        if (f.end > p.quietUntil) {
            routine(p, a, dayIndex, f, r);
        }
        day.removeIf(e -> !e.forced && (e.time < p.quietUntil || e.time < p.existsFrom
                || e.customerInitiated() && e.time < p.activeFrom));
        GeneratedEvent snapshot = event(p, f, GeneratedEvent.BALANCE_SNAPSHOT, f.at(23 * 3600 + 50 * 60 + r.nextInt(600)));
        day.add(snapshot);
        day.sort(BY_TIME);
        settle(p, a, dayIndex, snapshot, r, out);
    }

    private void takePlanned(CustomerPersona p, Account a, DayFrame f) {
        while (a.planCursor < p.plans.size() && p.plans.get(a.planCursor).time < f.end) {
            day.add(p.plans.get(a.planCursor++).copy());
        }
        if (a.followUps != null) {
            for (Iterator<GeneratedEvent> it = a.followUps.iterator(); it.hasNext(); ) {
                GeneratedEvent e = it.next();
                if (e.time < f.end) {
                    day.add(e);
                    it.remove();
                }
            }
        }
    }

    private void routine(CustomerPersona p, Account a, int dayIndex, DayFrame f, SplittableRandom r) {
        LocalDate date = f.date;
        DayOfWeek dow = date.getDayOfWeek();
        boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        boolean backFromDormancy = p.kind == CustomerPersona.Kind.DORMANT;

        String trip = p.crossBorder ? tripCountry(p, dayIndex) : null;
        double rate = p.payRate * (weekend ? 1.15 : 1) * (trip != null ? 0.25 : 1) * (backFromDormancy ? 0.5 : 1);
        for (int i = Rng.poisson(r, rate); i > 0; i--) {
            day.add(payment(p, f, r));
        }
        if (trip != null) {
            for (int i = 1 + Rng.poisson(r, 1.8); i > 0; i--) {
                day.add(abroad(p, f, r, trip, Rng.lognormal(r, 1_300 * Math.min(p.spendScale, 2), 0.9), "POS"));
            }
        } else if (p.crossBorder && Rng.chance(r, 0.04)) {
            String country = Catalog.COUNTRIES_ABROAD[r.nextInt(3)];
            day.add(abroad(p, f, r, country, Rng.lognormal(r, 600, 0.7), "ONLINE"));
        }

        if (p.isPayday(date)) {
            long t = f.at(CustomerPersona.morning(r));
            if (t > p.salaryFrom) {
                GeneratedEvent salary = event(p, f, GeneratedEvent.SALARY_CREDIT, t);
                salary.amount = p.salary != Cents.yuan(3_000) && Rng.chance(r, 0.3)
                        ? Cents.of(p.salary / 100.0 * Rng.uniform(r, 0.95, 1.08)) : p.salary;
                day.add(salary);
            }
        }
        if (p.incomeDay > 0 && date.getDayOfMonth() == Math.min(p.incomeDay, date.lengthOfMonth())) {
            GeneratedEvent in = event(p, f, GeneratedEvent.TRANSFER_IN, f.at(CustomerPersona.morning(r)));
            in.amount = p.income;
            if (p.pension) {
                in.attribute("purpose", "PENSION");
            } else {
                in.counterpartyBank = Catalog.otherBank(r);
            }
            day.add(in);
        }

        for (int i = Rng.poisson(r, 0.3); i > 0; i--) {
            GeneratedEvent in = event(p, f, GeneratedEvent.TRANSFER_IN, f.at(CustomerPersona.waking(r)));
            in.amount = transferAmount(r, p.transferScale * 0.8);
            in.counterpartyBank = bank(r);
            in.channel = "APP";
            day.add(in);
        }
        for (int i = Rng.poisson(r, 0.3); i > 0; i--) {
            GeneratedEvent out = event(p, f, GeneratedEvent.TRANSFER_OUT, f.at(CustomerPersona.waking(r)));
            out.amount = transferAmount(r, p.transferScale);
            out.counterpartyBank = bank(r);
            out.channel = Rng.chance(r, 0.85) ? "APP" : "COUNTER";
            day.add(out);
        }

        if (p.smallBusiness && p.kind != CustomerPersona.Kind.DORMANT) {
            GeneratedEvent settlement = event(p, f, GeneratedEvent.MERCHANT_SETTLEMENT, f.at(Rng.between(r, 3600, 5 * 3600 - 1)));
            settlement.amount = Cents.clamp(Cents.of(p.settlementBase / 100.0 * Rng.lognormal(r, 1, 0.35)),
                    Cents.yuan(1_000), Cents.yuan(20_000));
            settlement.merchantId = String.format("MB%07d", p.index);
            day.add(settlement);
            for (int i = Rng.poisson(r, 1.0); i > 0; i--) {
                GeneratedEvent supplier = event(p, f, GeneratedEvent.TRANSFER_OUT, f.at(Rng.between(r, 9 * 3600, 18 * 3600)));
                supplier.amount = Cents.roundDown(Cents.of(Rng.lognormal(r, 0.9 * p.settlementBase / 100.0, 0.4)), 10);
                supplier.counterpartyBank = Rng.chance(r, 0.7) ? Catalog.otherBank(r) : Catalog.OWN_BANK;
                supplier.channel = "ONLINE";
                supplier.attribute("purpose", "SUPPLIER");
                day.add(supplier);
            }
        }

        if (Rng.chance(r, 0.012)) {
            day.add(purchase(p, f, r));
        }
        if (a.holdings != null && !a.holdings.isEmpty() && Rng.chance(r, 0.006)) {
            String product = a.holdings.keySet().stream().skip(r.nextInt(a.holdings.size())).findFirst().orElseThrow();
            GeneratedEvent sell = event(p, f, GeneratedEvent.PRODUCT_REDEMPTION, f.at(CustomerPersona.waking(r)));
            sell.productId = product;
            sell.productType = productType(product);
            sell.channel = "APP";
            sell.redeemPercent = Rng.chance(r, 0.3) ? 100 : 50;
            day.add(sell);
        }
        if (p.canBorrow && Rng.chance(r, LOAN_DAILY)) {
            loan(p, a, dayIndex, f, r);
        }
        if (p.appUser) {
            for (int i = Rng.poisson(r, backFromDormancy ? 0.3 : 1.0); i > 0; i--) {
                day.add(event(p, f, GeneratedEvent.APP_LOGIN, f.at(CustomerPersona.waking(r))).attribute("device", p.device));
            }
        }
    }

    /** Moves the money in time order, drops what the balance cannot pay, and fills in the snapshot. */
    private void settle(CustomerPersona p, Account a, int dayIndex, GeneratedEvent snapshot, SplittableRandom r,
                        List<GeneratedEvent> out) {
        long balance = a.balance;
        long previous = Long.MIN_VALUE;
        for (GeneratedEvent e : day) {
            if (e == snapshot) {
                long target = balanceTarget(p, dayIndex, r);
                if (target != GeneratedEvent.NONE && target != balance
                        && (p.style != CustomerPersona.BalanceStyle.CLIMBER || balance < target)) {
                    long at = Math.max(previous, e.time - Rng.between(r, 2, 30) * MINUTE);
                    GeneratedEvent sweep = new GeneratedEvent(target > balance ? GeneratedEvent.TRANSFER_IN : GeneratedEvent.TRANSFER_OUT,
                            p.id, at, e.offsetSeconds);
                    sweep.amount = Math.abs(target - balance);
                    sweep.counterpartyBank = Catalog.OWN_BANK;
                    sweep.channel = "APP";
                    out.add(sweep);
                    balance = target;
                }
                e.balance = balance;
                out.add(e);
                previous = e.time;
                continue;
            }
            switch (e.type) {
                case GeneratedEvent.CARD_PAYMENT -> {
                    if ("DEBIT".equals(e.cardType)) {
                        if (e.amount <= balance / 2 || e.forced && e.amount <= balance) {
                            balance -= e.amount;
                        } else if (p.hasCredit) {
                            e.cardType = "CREDIT";
                        } else if (e.forced) {
                            balance = Math.max(0, balance - e.amount);
                        } else {
                            continue;                                   // declined
                        }
                    }
                }
                case GeneratedEvent.TRANSFER_OUT, GeneratedEvent.PRODUCT_PURCHASE -> {
                    // routine outflows take at most 30% of the balance and keep 60% of the usual balance
                    // (churners' planned transfers are forced and keep nothing)
                    long spare = Math.min(balance * 3 / 10, balance - p.usualBalance * 6 / 10);
                    if (e.amount > spare && !e.forced) {
                        if (spare < Cents.yuan(10)) {
                            continue;                                   // nothing to spare
                        }
                        e.amount = Cents.roundDown(spare, 10);
                    }
                    balance = Math.max(0, balance - e.amount);
                    if (GeneratedEvent.PRODUCT_PURCHASE.equals(e.type)) {
                        a.hold(e.productId, e.amount);
                    }
                }
                case GeneratedEvent.PRODUCT_REDEMPTION -> {
                    long held = a.held(e.productId);
                    if (e.redeemPercent > 0) {
                        e.amount = e.redeemPercent >= 100 || held < Cents.yuan(200) ? held
                                : Cents.roundDown(held * e.redeemPercent / 100, 100);
                    }
                    e.amount = Math.min(e.amount, held);
                    if (e.amount <= 0) {
                        continue;                                       // nothing held any more
                    }
                    a.hold(e.productId, -e.amount);
                    balance += e.amount;
                }
                case GeneratedEvent.SALARY_CREDIT, GeneratedEvent.TRANSFER_IN, GeneratedEvent.MERCHANT_SETTLEMENT -> balance += e.amount;
                case GeneratedEvent.LOAN_DISBURSED -> {
                    if (!"MORTGAGE".equals(e.loanType)) {
                        balance += e.amount;                            // a mortgage goes to the seller, not the account
                    }
                }
                default -> { }
            }
            out.add(e);
            previous = e.time;
        }
        a.balance = balance;
    }

    /** S7 steering: the end-of-day balance some personas are moved to by an internal transfer, or NONE. */
    private static long balanceTarget(CustomerPersona p, int dayIndex, SplittableRandom r) {
        switch (p.style) {
            case OSCILLATOR -> {
                double u = r.nextDouble();
                if (u < 0.3) {
                    return GeneratedEvent.NONE;
                }
                if (u < 0.35) {
                    return Cents.yuan(50_000);                          // exactly at the threshold
                }
                if (u < 0.40) {
                    return Cents.yuan(45_000);                          // at the re-arm level: does not re-arm
                }
                if (u < 0.45) {
                    return Cents.yuan(45_000) - 1;                      // just below: re-arms
                }
                return Cents.clamp(Cents.of(47_500 + 2_800 * Rng.normal(r)), Cents.yuan(35_000), Cents.yuan(60_000));
            }
            case CLIMBER -> {
                if (dayIndex == p.climbDay) {
                    return p.climbTarget;
                }
                return dayIndex == p.climbDay2 ? p.climbTarget2 : GeneratedEvent.NONE;
            }
            default -> {
                return GeneratedEvent.NONE;
            }
        }
    }

    private GeneratedEvent payment(CustomerPersona p, DayFrame f, SplittableRandom r) {
        GeneratedEvent e = event(p, f, GeneratedEvent.CARD_PAYMENT, f.at(CustomerPersona.waking(r)));
        Catalog.Merchant m;
        if (Rng.chance(r, 0.03)) {
            m = Catalog.partner(r);
            double u = r.nextDouble();
            e.amount = u < 0.12 ? Cents.yuan(200) : u < 0.20 ? Cents.yuan(200) - 1 : u < 0.25 ? Cents.yuan(200) + 1
                    : Cents.clamp(Cents.of(Rng.lognormal(r, 210, 0.35)), Cents.yuan(10), Cents.yuan(2_000));
        } else {
            m = Catalog.domestic(r);
            double yuan = Rng.lognormal(r, 78 * m.amountFactor() * p.spendScale, 0.6);
            e.amount = Cents.clamp(Rng.chance(r, 0.35) ? Cents.yuan(Math.round(yuan)) : Cents.of(yuan), Cents.yuan(1), Cents.yuan(50_000));
        }
        e.merchantId = m.id();
        e.merchantName = m.name();
        e.mcc = m.mcc();
        e.channel = Rng.pick(r, m.channels());
        e.country = "CN";
        e.cardType = p.hasCredit && Rng.chance(r, 0.8) ? "CREDIT" : "DEBIT";
        return e;
    }

    private GeneratedEvent abroad(CustomerPersona p, DayFrame f, SplittableRandom r, String country, double yuan, String channel) {
        GeneratedEvent e = event(p, f, GeneratedEvent.CARD_PAYMENT, f.at(CustomerPersona.waking(r)));
        Catalog.Merchant m = Catalog.abroad(r, country);
        e.amount = Cents.clamp(Cents.of(yuan), Cents.yuan(30), Cents.yuan(80_000));
        e.merchantId = m.id();
        e.merchantName = m.name();
        e.mcc = m.mcc();
        e.channel = channel;
        e.country = country;
        e.cardType = p.hasCredit ? "CREDIT" : "DEBIT";
        return e;
    }

    private GeneratedEvent purchase(CustomerPersona p, DayFrame f, SplittableRandom r) {
        GeneratedEvent e = event(p, f, GeneratedEvent.PRODUCT_PURCHASE, f.at(CustomerPersona.waking(r)));
        double u = r.nextDouble();
        if (u < 0.6) {
            e.productId = Catalog.fund(r);
        } else if (u < 0.9) {
            e.productId = Catalog.DEPOSITS[r.nextInt(Catalog.DEPOSITS.length)];
        } else {
            e.productId = Catalog.INSURANCE[r.nextInt(Catalog.INSURANCE.length)];
        }
        e.productType = productType(e.productId);
        e.amount = Cents.roundDown(Cents.of(Rng.lognormal(r, p.investScale / 100.0, 0.7)), 100);
        e.channel = Rng.chance(r, 0.8) ? "APP" : "COUNTER";
        return e;
    }

    /** S9: a loan; mortgages come with a loanId and sometimes a second tranche under the same loanId. */
    private void loan(CustomerPersona p, Account a, int dayIndex, DayFrame f, SplittableRandom r) {
        GeneratedEvent e = event(p, f, GeneratedEvent.LOAN_DISBURSED, f.at(Rng.between(r, 9 * 3600, 17 * 3600)));
        double u = r.nextDouble();
        e.loanType = u < 0.6 ? "MORTGAGE" : u < 0.85 || !p.smallBusiness ? "CONSUMER" : "BUSINESS";
        long amount = switch (e.loanType) {
            case "MORTGAGE" -> Cents.clamp(Cents.of(Rng.lognormal(r, 1_000_000, 0.6)), Cents.yuan(300_000), Cents.yuan(5_000_000));
            case "CONSUMER" -> Cents.clamp(Cents.of(Rng.lognormal(r, 60_000, 0.7)), Cents.yuan(10_000), Cents.yuan(300_000));
            default -> Cents.clamp(Cents.of(Rng.lognormal(r, 500_000, 0.7)), Cents.yuan(100_000), Cents.yuan(3_000_000));
        };
        amount = Cents.roundDown(amount, 1_000);
        e.attribute("loanId", String.format("L%07d%05d", p.index, dayIndex));
        if ("MORTGAGE".equals(e.loanType) && Rng.chance(r, 0.12)) {
            long first = Cents.roundDown(amount * 6 / 10, 1_000);
            GeneratedEvent second = e.copy();
            second.time = e.time + Rng.between(r, 3, 20) * DAY;
            second.offsetSeconds = DayFrame.offset(p.zone, second.time);
            second.amount = amount - first;
            a.schedule(second);
            amount = first;
        }
        e.amount = amount;
        day.add(e);
    }

    /** The country a cross-border customer is travelling in on this day, or null: one or two trips per 30 days. */
    private String tripCountry(CustomerPersona p, int dayIndex) {
        int block = Math.floorDiv(dayIndex, 30);
        int offset = dayIndex - block * 30;
        SplittableRandom t = Rng.of(seed, Rng.TRIPS, p.index, block);
        int trips = Rng.chance(t, 0.45) ? 2 : 1;
        String country = null;
        for (int i = 0; i < trips; i++) {
            int start = t.nextInt(30);
            int length = Rng.between(t, 2, 7);
            String where = Rng.pick(t, Catalog.COUNTRIES_ABROAD);
            if (country == null && offset >= start && offset < start + length) {
                country = where;
            }
        }
        return country;
    }

    private static long transferAmount(SplittableRandom r, double medianCents) {
        long cents = Cents.of(Rng.lognormal(r, medianCents / 100.0, 1.0));
        return Rng.chance(r, 0.6) ? Cents.roundDown(cents, 100) : Math.max(Cents.yuan(1), cents);
    }

    /** Own bank about half the time, another bank mostly otherwise, sometimes not said. */
    private static String bank(SplittableRandom r) {
        double u = r.nextDouble();
        return u < 0.5 ? Catalog.OWN_BANK : u < 0.9 ? Catalog.otherBank(r) : null;
    }

    static String productType(String productId) {
        return productId.startsWith("FUND") ? "FUND" : productId.startsWith("DEP") ? "DEPOSIT" : "INSURANCE";
    }

    private static GeneratedEvent event(CustomerPersona p, DayFrame f, String type, long time) {
        return new GeneratedEvent(type, p.id, time, f.offsetAt(time));
    }
}
