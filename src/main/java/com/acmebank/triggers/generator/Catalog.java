package com.acmebank.triggers.generator;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed reference data the traffic is drawn from: synthetic names and merchants, the partner merchants of S1,
 * bank codes, the product shelf and the customers' time zones. All invented: nothing here is real customer data.
 */
final class Catalog {
    private Catalog() {}

    static final String OWN_BANK = "ACMEBANK";
    static final String[] OTHER_BANKS = {"ICBC", "CCB", "BOC", "ABC", "CMB"};

    static final String[] SURNAMES = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
        "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng",
        "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du"};
    static final String[] GIVEN_NAMES = {"Fang", "Wei", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan",
        "Jie", "Juan", "Tao", "Ming", "Chao", "Xiuying", "Xia", "Ping", "Gang", "Hui", "Na", "Hao", "Yu", "Xin", "Ting", "Lan",
        "Bo", "Kai", "Rui", "Xiaoming", "Jianguo", "Guilan", "Haiyan", "Zihan", "Yuxuan", "Haoran", "Yiming", "Shufen", "Dan"};

    /** Customer time zones: index 0 is the bank's home zone. */
    static final ZoneId[] ZONES = {ZoneId.of("Asia/Shanghai"), ZoneId.of("Asia/Hong_Kong"), ZoneId.of("Asia/Singapore"),
        ZoneId.of("Europe/London"), ZoneId.of("America/New_York")};
    static final double[] ZONE_WEIGHTS = {95, 2, 1, 1, 1};
    static final ZoneId MARKET_ZONE = ZONES[0];

    /** A merchant a card payment names. {@code amountFactor} scales the typical ticket of its category. */
    record Merchant(String id, String name, String mcc, String[] channels, double amountFactor) {}

    static final String[] COUNTRIES_ABROAD = {"JP", "US", "SG", "GB", "FR", "TH"};

    static final List<Merchant> DOMESTIC = new ArrayList<>();
    private static final Rng.Table DOMESTIC_WEIGHTS;
    static final Merchant[] PARTNERS = new Merchant[20];
    private static final Merchant[][] ABROAD = new Merchant[COUNTRIES_ABROAD.length][];

    /** Products: funds are held and moved by the market (S15); deposits and insurance are bought too. */
    static final String[] FUNDS = new String[40];
    static final String[] DEPOSITS = new String[10];
    static final String[] INSURANCE = new String[5];
    /** Fund popularity (Zipf-like): most holders own the first few funds. */
    private static final Rng.Table FUND_WEIGHTS;

    static {
        String[] q = {"QR", "POS"};
        String[] pos = {"POS", "POS", "QR"};
        String[] online = {"ONLINE"};
        String[] mixed = {"POS", "QR", "ONLINE"};
        Object[][] categories = {
            // mcc, channels, factor, weight, names
            {"5812", q, 1.4, 20.0, new String[]{"Golden Lotus Hotpot", "Red Lantern Noodles", "Jade Garden Dim Sum",
                "Sichuan Pepper House", "Old Town Dumplings", "Harbour Seafood Kitchen"}},
            {"5814", q, 0.55, 18.0, new String[]{"Morning Brew Coffee", "Bamboo Tea House", "Quick Bao", "Sunny Burger",
                "Milk Tea Corner"}},
            {"5411", pos, 1.3, 16.0, new String[]{"Harvest Fresh Market", "Evergreen Supermarket", "Lucky Star Mart",
                "Riverside Grocers"}},
            {"5499", q, 0.45, 9.0, new String[]{"Corner 24 Convenience", "Daily Needs Store", "Night Owl Mart"}},
            {"4121", online, 0.55, 8.0, new String[]{"Swift Ride", "City Cab Online"}},
            {"5399", online, 1.4, 12.0, new String[]{"Cloud Mall Online", "Panda Shop Online", "Bay Market Online"}},
            {"5541", pos, 2.0, 4.0, new String[]{"Dragon Petroleum", "East Sea Fuel"}},
            {"5691", mixed, 1.8, 3.0, new String[]{"Silk Road Apparel", "Urban Thread", "Willow Fashion"}},
            {"5912", q, 0.9, 3.0, new String[]{"Kangjian Pharmacy", "Ren Ai Drugstore"}},
            {"5732", mixed, 3.0, 1.5, new String[]{"Bright Digital", "Silicon Harbour Electronics"}},
            {"7832", q, 1.0, 2.0, new String[]{"Star Screen Cinema", "Moonlight Cinemas"}},
            {"7011", online, 2.5, 1.2, new String[]{"Blue Sky Hotel", "Lakeside Inn"}},
            {"4511", online, 3.5, 0.6, new String[]{"Phoenix Airlines", "Crane Air"}},
            {"8299", online, 2.5, 0.7, new String[]{"Bright Future Education", "Maple Language School"}},
        };
        List<Double> weights = new ArrayList<>();
        int next = 1;
        // the typical ticket is a median of about 80 CNY over all payments: normalise by the weighted geometric mean
        double logSum = 0;
        double weightSum = 0;
        for (Object[] c : categories) {
            logSum += (Double) c[3] * Math.log((Double) c[2]);
            weightSum += (Double) c[3];
        }
        double geometricMean = Math.exp(logSum / weightSum);
        for (Object[] c : categories) {
            String[] names = (String[]) c[4];
            for (String name : names) {
                // every brand has branches with their own merchant ids
                for (int branch = 0; branch < 8; branch++) {
                    DOMESTIC.add(new Merchant(String.format("M%08d", 10_000_000 + next * 37 + branch), name, (String) c[0],
                            (String[]) c[1], (Double) c[2] / geometricMean));
                    weights.add((Double) c[3] / names.length / 8);
                }
                next++;
            }
        }
        DOMESTIC_WEIGHTS = new Rng.Table(weights.stream().mapToDouble(Double::doubleValue).toArray());

        String[] partnerNames = {"Sunrise Coffee Roasters", "Lotus Department Store", "Peak Outdoor Gear", "Pearl Cosmetics",
            "Happy Panda Toys", "Green Leaf Organic Market", "Orient Home Living", "Silver Spoon Bistro", "Nova Electronics",
            "Jasmine Tea Gallery", "Golden Key Bookstore", "Blue Wave Fitness", "Crane Sports", "Maple Bakery", "Ocean Sushi",
            "Red Phoenix Cinema", "Cloud Nine Spa", "Bamboo Kids Club", "Starlight Jewellery", "Harmony Music Store"};
        String[] partnerMcc = {"5814", "5311", "5941", "5977", "5945", "5411", "5712", "5812", "5732", "5499",
            "5942", "7997", "5941", "5462", "5812", "7832", "7298", "8351", "5944", "5733"};
        for (int i = 0; i < PARTNERS.length; i++) {
            PARTNERS[i] = new Merchant(String.format("M-PARTNER-%03d", i + 1), partnerNames[i], partnerMcc[i], mixed, 1.0);
        }

        String[][] abroadNames = {
            {"Ginza Department Store", "Akihabara Electronics", "Kyoto Tea House", "Osaka Drugstore", "Shinjuku Hotel"},
            {"Fifth Avenue Outlet", "Golden Gate Electronics", "Manhattan Steakhouse", "Las Vegas Resort", "Sunset Mall"},
            {"Marina Luxury Mall", "Orchard Jewellers", "Bay Sands Hotel", "Sentosa Resort", "Raffles Dining"},
            {"Oxford Street Store", "Bond Street Jewellers", "Thames Hotel", "Covent Garden Kitchen", "Harrow Outlet"},
            {"Champs Boutique", "Maison de Mode Paris", "Left Bank Bistro", "Riviera Hotel", "Parfumerie Lumiere"},
            {"Siam Luxury Mall", "Phuket Beach Resort", "Chiang Mai Silk House", "Bangkok Jewels", "Krabi Dive Centre"}};
        String[] abroadMcc = {"5311", "5732", "5812", "7011", "5944"};
        for (int c = 0; c < COUNTRIES_ABROAD.length; c++) {
            ABROAD[c] = new Merchant[abroadNames[c].length];
            for (int m = 0; m < abroadNames[c].length; m++) {
                ABROAD[c][m] = new Merchant(String.format("M%s%06d", COUNTRIES_ABROAD[c], 100 + c * 10 + m), abroadNames[c][m],
                        abroadMcc[m % abroadMcc.length], pos, 1.0);
            }
        }

        double[] fundWeights = new double[FUNDS.length];
        for (int i = 0; i < FUNDS.length; i++) {
            FUNDS[i] = String.format("FUND-%03d", i + 1);
            fundWeights[i] = 1.0 / Math.pow(i + 1, 0.8);
        }
        FUND_WEIGHTS = new Rng.Table(fundWeights);
        for (int i = 0; i < DEPOSITS.length; i++) {
            DEPOSITS[i] = String.format("DEP-%03d", i + 1);
        }
        for (int i = 0; i < INSURANCE.length; i++) {
            INSURANCE[i] = String.format("INS-%03d", i + 1);
        }
    }

    static Merchant domestic(SplittableRandom r) {
        return DOMESTIC.get(DOMESTIC_WEIGHTS.draw(r));
    }

    static Merchant partner(SplittableRandom r) {
        return PARTNERS[r.nextInt(PARTNERS.length)];
    }

    static Merchant abroad(SplittableRandom r, String country) {
        for (int c = 0; c < COUNTRIES_ABROAD.length; c++) {
            if (COUNTRIES_ABROAD[c].equals(country)) {
                return Rng.pick(r, ABROAD[c]);
            }
        }
        throw new IllegalArgumentException(country);
    }

    static String fund(SplittableRandom r) {
        return FUNDS[FUND_WEIGHTS.draw(r)];
    }

    static String otherBank(SplittableRandom r) {
        return Rng.pick(r, OTHER_BANKS);
    }

    static String name(SplittableRandom r) {
        return Rng.pick(r, SURNAMES) + " " + Rng.pick(r, GIVEN_NAMES);
    }
}
