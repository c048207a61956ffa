package com.acmebank.triggers.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells, in plain sentences, what the engine decided for one customer and why, from the decision records
 * alone (offers add the message text): the answer to "why did this customer get, or not get, this offer?".
 */
public final class CustomerStory {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CustomerStory() {}

    /** Decisions and offers as read from the output files (any order); late events of the customer too. */
    public static List<String> tell(String customerId, List<JsonNode> decisions, List<JsonNode> offers, List<JsonNode> lateEvents, ZoneId zone) {
        Map<String, JsonNode> offerById = new HashMap<>();
        for (JsonNode o : offers) {
            if (customerId.equals(o.path("customerId").asText())) {
                offerById.put(o.path("offerId").asText(), o);
            }
        }
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode d : decisions) {
            if (customerId.equals(d.path("customerId").asText())) {
                mine.add(d);
            }
        }
        mine.sort((a, b) -> {
            int c = Instant.parse(a.path("decidedAt").asText()).compareTo(Instant.parse(b.path("decidedAt").asText()));
            return c != 0 ? c : a.path("ruleId").asText().compareTo(b.path("ruleId").asText());
        });
        List<String> lines = new ArrayList<>();
        lines.add("Customer " + customerId + ": " + mine.size() + " decision" + (mine.size() == 1 ? "" : "s") + " (times in " + zone + ")");
        for (JsonNode d : mine) {
            lines.add(sentence(d, offerById.get(d.path("offerId").asText()), zone));
        }
        for (JsonNode l : lateEvents) {
            if (customerId.equals(l.path("customerId").asText())) {
                lines.add(time(l.path("eventTime").asText(), zone) + "  event " + l.path("eventId").asText()
                        + " arrived after event time had passed it (watermark " + time(l.path("watermark").asText(), zone)
                        + "): it was not evaluated and is in late-events.");
            }
        }
        if (mine.isEmpty()) {
            lines.add("No rule fired for this customer: no event of theirs met any rule's trigger (or they have no events).");
        }
        return lines;
    }

    static String sentence(JsonNode d, JsonNode offer, ZoneId zone) {
        String rule = d.path("ruleId").asText() + " v" + d.path("ruleVersion").asText();
        String channel = d.path("channel").asText();
        JsonNode details = d.path("details");
        String variant = d.hasNonNull("variant") ? " (variant " + d.path("variant").asText() + ")" : "";
        String trigger = triggeredBy(d, zone);
        String what = rule + " " + trigger + ": the " + channel + " offer" + variant;
        String outcome = d.path("outcome").asText();
        String reason = d.path("reason").asText("");
        String text = switch (outcome) {
            case "SENT" -> what + " was SENT" + (offer != null ? ": \"" + offer.path("message").asText() + "\"" : "") + ".";
            case "DEFERRED" -> what + " was DEFERRED: it fell in quiet hours and is held until "
                    + time(details.path("sendAt").asText(d.path("decidedAt").asText()), zone) + ", when consent, expiry and caps are checked again.";
            case "HELD_OUT" -> what + " was HELD_OUT: the customer is in this rule's control group (" + details.path("note").asText("holdout") + "), so nothing was sent.";
            case "REVERSED" -> what + ", already sent, stands: its payment was reversed " + (details.path("whole").asBoolean() ? "in full" : "in part")
                    + " by " + details.path("reversalEventId").asText() + " (" + details.path("reversed").asText() + ").";
            default -> what + " was not sent: " + why(reason, details, zone) + ".";
        };
        return time(d.path("decidedAt").asText(), zone) + "  " + text;
    }

    private static String triggeredBy(JsonNode d, ZoneId zone) {
        List<String> ids = new ArrayList<>();
        d.path("triggerEventIds").forEach(i -> ids.add(i.asText()));
        String at = time(d.path("triggerTime").asText(), zone);
        if (d.path("details").has("since") || d.path("details").has("birthDate")) {
            return "fired on its timer at " + at + (ids.isEmpty() ? "" : " (counting from event " + String.join(", ", ids) + ")");
        }
        return ids.isEmpty() ? "fired at " + at : "fired on event" + (ids.size() > 1 ? "s " : " ") + String.join(", ", ids) + " at " + at;
    }

    private static String why(String reason, JsonNode details, ZoneId zone) {
        String note = details.path("note").asText("");
        return switch (reason) {
            case "NO_CONSENT" -> "no consent (" + (note.isEmpty() ? "the profile does not grant it" : note) + ")";
            case "FREQUENCY_CAP" -> "the frequency cap was reached (" + note + ")";
            case "COOLDOWN" -> details.has("repeatLimit")
                    ? "the rule's repeat limit, " + details.path("repeatLimit").asText() + ", was used up (it last reached the customer at " + time(details.path("lastFired").asText(), zone) + ")"
                    : "the rule's cooldown (" + note + ")";
            case "ARBITRATION" -> "another rule fired on the same event and won arbitration: " + details.path("winner").asText()
                    + " (priority " + details.path("winnerPriority").asText() + " over " + details.path("priority").asText() + ")";
            case "EXPIRED" -> "the offer expired while it was held through quiet hours";
            case "RULE_PAUSED" -> "the rule was paused while the offer was held through quiet hours";
            case "RULE_DELETED" -> "the rule was deleted while the offer was held through quiet hours";
            case "REVERSED" -> note.isEmpty() ? "the payment it was made on was reversed before its release" : note + ", before its release";
            default -> "suppressed (" + reason + (note.isEmpty() ? "" : ": " + note) + ")";
        };
    }

    private static String time(String iso, ZoneId zone) {
        try {
            return LOCAL.format(Instant.parse(iso).atZone(zone));
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
