package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.Event;

/**
 * An event for the holdings index, addressed to one shard of one product ("FUND-7#3"): purchases and
 * redemptions go to the holder's shard, a market move to every shard of its product. A POJO.
 */
public class HoldingsInput {
    public String shard;
    public Event event;

    public HoldingsInput() {}

    public HoldingsInput(String shard, Event event) {
        this.shard = shard;
        this.event = event;
    }

    public static String shardOf(String productId, int shard) {
        return productId + "#" + shard;
    }

    public static int shardFor(String customerId, int shards) {
        return Math.floorMod(customerId.hashCode(), shards);
    }
}
