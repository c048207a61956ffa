package com.acmebank.triggers.policy;

import com.acmebank.triggers.profile.Profile;
import com.acmebank.triggers.spec.Durations;
import com.acmebank.triggers.window.CalendarPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bank's contact policy (docs/scenarios.md, "The contact policy"), applied to every offer after its rule won
 * arbitration: consent per channel, per-rule cooldown (between firings, so the offers of one firing never
 * block each other), frequency caps (2 per local day, 5 per rolling 7 days, RM_TASK not counted; counted on
 * the day of delivery), holdout, quiet hours (21:00 to 08:00 local, deferred to 08:00). At release a
 * deferred offer is checked for consent, expiry, cooldown and caps.
 */
public final class ContactPolicy {
    static final long DAY = 86_400_000L;
    public static final long CAP_WINDOW = 7 * DAY;

    private final PolicyConfig config;
    private final ZoneId defaultZone;
    private final LocalTime quietStart;
    private final LocalTime quietEnd;
    private final Set<String> quietChannels;
    private final Set<String> capExempt;
    private final Set<String> consentExempt;
    private final Map<String, Long> cooldowns = new HashMap<>();
    /** Zone ids as parsed once: ZoneId.of costs more than the rest of a cheap rule. */
    private final Map<String, ZoneId> zones = new HashMap<>();
    private final long longestCooldown;

    public ContactPolicy(PolicyConfig config) {
        List<String> problems = config.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid contact policy: " + String.join("; ", problems));
        }
        this.config = config;
        this.defaultZone = ZoneId.of(config.defaultTimezone);
        this.quietStart = LocalTime.parse(config.quietHours.start);
        this.quietEnd = LocalTime.parse(config.quietHours.end);
        this.quietChannels = new HashSet<>(config.quietHours.channels);
        this.capExempt = new HashSet<>(config.frequencyCaps.exemptChannels);
        this.consentExempt = new HashSet<>(config.consentExemptChannels);
        long longest = 0;
        for (Map.Entry<String, PolicyConfig.RuleOverride> e : config.rules.entrySet()) {
            if (e.getValue().cooldown != null) {
                long c = Durations.parse(e.getValue().cooldown);
                cooldowns.put(e.getKey(), c);
                longest = Math.max(longest, c);
            }
        }
        this.longestCooldown = longest;
    }

    public PolicyConfig config() {
        return config;
    }

    public long longestCooldown() {
        return longestCooldown;
    }

    /**
     * The verdict for a fresh offer of a firing at {@code now}. An offer that quiet hours defer is capped on the
     * day it would be delivered, at its release, not on the evening it fired.
     */
    public Verdict decide(String ruleId, String channel, String customerId, Profile profile, long now, ZoneId zone, ContactLog log) {
        Verdict blocked = permitted(ruleId, channel, profile, now, log);
        if (blocked != null) {
            return blocked;
        }
        boolean quiet = quiet(ruleId, channel, now, zone);
        if (!quiet) {
            Verdict capped = capped(ruleId, channel, now, zone, log);
            if (capped != null) {
                return capped;
            }
        }
        if (heldOut(customerId, ruleId)) {
            return new Verdict(Verdict.HELD_OUT, null, Long.MIN_VALUE, "control group: " + holdoutPercent(ruleId).toPlainString() + "% of customers");
        }
        if (quiet) {
            long sendAt = quietEnds(now, zone);
            return new Verdict(Verdict.DEFERRED, Verdict.QUIET_HOURS, sendAt, "quiet hours " + config.quietHours.start + "-" + config.quietHours.end + " local");
        }
        return new Verdict(Verdict.SENT, null, now, null);
    }

    /** The verdict for a deferred offer (of a firing at {@code triggerTime}) at its release: consent, cooldown, caps, expiry. */
    public Verdict release(String ruleId, String channel, Profile profile, long now, long triggerTime, long expiresAt, ZoneId zone,
            ContactLog log) {
        Verdict blocked = permitted(ruleId, channel, profile, triggerTime, log);
        if (blocked == null) {
            blocked = capped(ruleId, channel, now, zone, log);
        }
        if (blocked != null) {
            return blocked;
        }
        if (now > expiresAt) {
            return Verdict.suppressed(Verdict.EXPIRED, "expired while deferred");
        }
        return new Verdict(Verdict.SENT, null, now, "released after quiet hours");
    }

    /** Consent, and the rule's cooldown since its last firing that reached the customer (not this same firing). */
    private Verdict permitted(String ruleId, String channel, Profile profile, long triggerTime, ContactLog log) {
        if (!consentExempt.contains(channel)) {
            if (profile == null) {
                return Verdict.suppressed(Verdict.NO_CONSENT, "no profile for the customer");
            }
            if (!profile.consents(channel)) {
                return Verdict.suppressed(Verdict.NO_CONSENT, "no consent for " + channel);
            }
        }
        Long cooldown = cooldowns.get(ruleId);
        Long last = log == null ? null : log.lastByRule.get(ruleId);
        if (cooldown != null && last != null && last != triggerTime && triggerTime - last < cooldown) {
            return Verdict.suppressed(Verdict.COOLDOWN, "sent by this rule within " + Durations.format(cooldown));
        }
        return null;
    }

    /** The frequency caps on the local day of {@code now} and the 7 days up to it. */
    private Verdict capped(String ruleId, String channel, long now, ZoneId zone, ContactLog log) {
        if (counted(ruleId, channel) && log != null) {
            long today = CalendarPeriod.DAY.key(now, zone);
            int sameDay = 0;
            int lastWeek = 0;
            for (long s : log.sends) {
                if (s >= now - CAP_WINDOW && s <= now) {
                    lastWeek++;
                }
                if (CalendarPeriod.DAY.key(s, zone) == today) {
                    sameDay++;
                }
            }
            if (sameDay >= config.frequencyCaps.perLocalDay) {
                return Verdict.suppressed(Verdict.FREQUENCY_CAP, sameDay + " contacts already on local day " + CalendarPeriod.DAY.label(now, zone));
            }
            if (lastWeek >= config.frequencyCaps.perRolling7Days) {
                return Verdict.suppressed(Verdict.FREQUENCY_CAP, lastWeek + " contacts already in the last 7 days");
            }
            PolicyConfig.RuleOverride o = config.rules.get(ruleId);
            if (o != null && o.caps != null) {
                Verdict v = limited(o.caps, Set.of(ruleId), "of " + ruleId, now, zone, log);
                if (v != null) {
                    return v;
                }
            }
            for (Map.Entry<String, PolicyConfig.Family> f : config.families.entrySet()) {
                if (f.getValue().rules.contains(ruleId)) {
                    Verdict v = limited(f.getValue(), Set.copyOf(f.getValue().rules), "of family " + f.getKey(), now, zone, log);
                    if (v != null) {
                        return v;
                    }
                }
            }
        }
        return null;
    }

    /** A rule's or a family's own cap: its contacts on the local day of {@code now} and in the 7 days up to it. */
    private static Verdict limited(PolicyConfig.Limit limit, Set<String> rules, String whose, long now, ZoneId zone, ContactLog log) {
        long today = CalendarPeriod.DAY.key(now, zone);
        int sameDay = 0;
        int lastWeek = 0;
        for (int i = 0; i < log.sends.length; i++) {
            String rule = log.ruleOf(i);
            if (rule == null || !rules.contains(rule)) {
                continue;
            }
            long s = log.sends[i];
            if (s >= now - CAP_WINDOW && s <= now) {
                lastWeek++;
            }
            if (CalendarPeriod.DAY.key(s, zone) == today) {
                sameDay++;
            }
        }
        if (limit.perLocalDay != null && sameDay >= limit.perLocalDay) {
            return Verdict.suppressed(Verdict.FREQUENCY_CAP, sameDay + " contacts " + whose + " already on local day "
                    + CalendarPeriod.DAY.label(now, zone));
        }
        if (limit.perRolling7Days != null && lastWeek >= limit.perRolling7Days) {
            return Verdict.suppressed(Verdict.FREQUENCY_CAP, lastWeek + " contacts " + whose + " already in the last 7 days");
        }
        return null;
    }

    /** True when a send of this rule on this channel counts toward the frequency caps. */
    public boolean counted(String ruleId, String channel) {
        PolicyConfig.RuleOverride o = config.rules.get(ruleId);
        return !capExempt.contains(channel) && (o == null || o.frequencyCapped == null || o.frequencyCapped);
    }

    public boolean heldOut(String customerId, String ruleId) {
        BigDecimal percent = holdoutPercent(ruleId);
        if (percent.signum() == 0) {
            return false;
        }
        long basisPoints = StableHash.bucket(10_000, customerId, ruleId, "holdout");
        return BigDecimal.valueOf(basisPoints).compareTo(percent.multiply(BigDecimal.valueOf(100))) < 0;
    }

    public BigDecimal holdoutPercent(String ruleId) {
        PolicyConfig.RuleOverride o = config.rules.get(ruleId);
        return o != null && o.holdoutPercent != null ? o.holdoutPercent : config.holdout.defaultPercent;
    }

    boolean quiet(String ruleId, String channel, long now, ZoneId zone) {
        PolicyConfig.RuleOverride o = config.rules.get(ruleId);
        if (!quietChannels.contains(channel) || (o != null && Boolean.FALSE.equals(o.quietHours))) {
            return false;
        }
        LocalTime t = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(now), zone).toLocalTime();
        return quietStart.isAfter(quietEnd)
                ? !t.isBefore(quietStart) || t.isBefore(quietEnd)
                : !t.isBefore(quietStart) && t.isBefore(quietEnd);
    }

    /** The next end of quiet hours after {@code now}, local time. */
    long quietEnds(long now, ZoneId zone) {
        ZonedDateTime local = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(now), zone);
        LocalDate day = local.toLocalTime().isBefore(quietEnd) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return ZonedDateTime.of(day, quietEnd, zone).toInstant().toEpochMilli();
    }

    /** The customer's zone, or the policy's default. */
    public ZoneId zoneOf(Profile profile) {
        if (profile == null || profile.timezone == null) {
            return defaultZone;
        }
        return zones.computeIfAbsent(profile.timezone, ZoneId::of);
    }

    public String languageOf(Profile profile) {
        return profile == null || profile.language == null ? config.defaultLanguage : profile.language;
    }

    /** A deterministic A/B pick by weight. */
    public static int pickVariant(String customerId, String ruleId, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        long bucket = StableHash.bucket(total, customerId, ruleId, "variant");
        int cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (bucket < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
