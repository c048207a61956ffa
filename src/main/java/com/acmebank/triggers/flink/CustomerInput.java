package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.profile.Profile;

/** What reaches a customer's keyed state: an event or a profile (exactly one is set). A POJO. */
public class CustomerInput {
    public Event event;
    public Profile profile;

    public CustomerInput() {}

    public static CustomerInput of(Event event) {
        CustomerInput in = new CustomerInput();
        in.event = event;
        return in;
    }

    public static CustomerInput of(Profile profile) {
        CustomerInput in = new CustomerInput();
        in.profile = profile;
        return in;
    }

    public String customerId() {
        return event != null ? event.customerId : profile.customerId;
    }
}
