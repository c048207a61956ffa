package com.acmebank.triggers.output;

import com.acmebank.triggers.event.Origin;

/** An event older than the watermark allowed: written whole, with the watermark it missed. */
public class LateEvent {
    public String raw;
    public String eventId;
    public String customerId;
    public long eventTime;
    public long watermark;
    public Origin origin;

    public LateEvent() {}
}
