package com.acmebank.triggers.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The daily fund price moves (MARKET_MOVE, no customer) at the 15:00 close in Shanghai on trading days, with
 * planted drops in every 30 days: exactly -5.0, -6.2 and -8.0 (S15 fires) and -4.9 (a near miss), on popular funds.
 */
final class MarketDay {
    private static final int[] PLANTED_TENTHS = {-50, -62, -80, -49, -50};
    /** Planted drops go to the most widely held funds, so that they reach many holders. */
    private static final int POPULAR_FUNDS = 8;

    private final Settings settings;
    /** Per 30-day block: day index to (fund index to change in tenths). */
    private final Map<Integer, Map<Integer, Map<Integer, Integer>>> plantsByBlock = new HashMap<>();

    MarketDay(Settings settings) {
        this.settings = settings;
    }

    void generate(int dayIndex, List<GeneratedEvent> out) {
        LocalDate date = settings.start().plusDays(dayIndex);
        if (!tradingDay(date)) {
            return;
        }
        DayFrame f = new DayFrame(date, Catalog.MARKET_ZONE);
        long close = f.at(15 * 3600);
        int offset = f.offsetAt(close);
        SplittableRandom r = Rng.of(settings.seed(), Rng.MARKET_DAY, dayIndex);
        Map<Integer, Integer> planted = plants(Math.floorDiv(dayIndex, 30)).getOrDefault(dayIndex, Map.of());
        for (int fund = 0; fund < Catalog.FUNDS.length; fund++) {
            int tenths = (int) Math.round(Rng.normal(r) * 18);
            tenths = Math.max(-99, Math.min(99, tenths));
            tenths = planted.getOrDefault(fund, tenths);
            GeneratedEvent e = new GeneratedEvent(GeneratedEvent.MARKET_MOVE, null, close, offset);
            e.productId = Catalog.FUNDS[fund];
            e.productType = "FUND";
            e.changeTenths = tenths;
            e.hasChange = true;
            out.add(e);
        }
    }

    private Map<Integer, Map<Integer, Integer>> plants(int block) {
        Map<Integer, Map<Integer, Integer>> cached = plantsByBlock.get(block);
        if (cached != null) {
            return cached;
        }
        if (plantsByBlock.size() > 4) {
            plantsByBlock.clear();                              // endless runs move on; old blocks are never asked again
        }
        List<Integer> tradingDays = new ArrayList<>();
        for (int d = block * 30; d < block * 30 + 30 && (settings.endless() || d < settings.days()); d++) {
            if (tradingDay(settings.start().plusDays(d))) {
                tradingDays.add(d);
            }
        }
        Map<Integer, Map<Integer, Integer>> plants = new HashMap<>();
        if (!tradingDays.isEmpty()) {
            SplittableRandom r = Rng.of(settings.seed(), Rng.MARKET_PLANTS, block);
            for (int tenths : PLANTED_TENTHS) {
                for (int attempt = 0; attempt < 20; attempt++) {
                    int day = tradingDays.get(r.nextInt(tradingDays.size()));
                    int fund = r.nextInt(POPULAR_FUNDS);
                    Map<Integer, Integer> onDay = plants.computeIfAbsent(day, k -> new HashMap<>());
                    if (!onDay.containsKey(fund)) {
                        onDay.put(fund, tenths);
                        break;
                    }
                }
            }
        }
        plantsByBlock.put(block, plants);
        return plants;
    }

    static boolean tradingDay(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }
}
