package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.Event;
import com.acmebank.triggers.flink.serializers.ExplicitTypeInfo;
import com.acmebank.triggers.profile.Profile;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** What reaches a customer's keyed state: an event or a profile (exactly one is set). */
public class CustomerInput {
    /** The type of the customer operator's input: an explicit serializer, not Flink's POJO one. */
    public static final TypeInformation<CustomerInput> TYPE = new ExplicitTypeInfo<>(CustomerInput.class, CustomerInputSerializer.INSTANCE);

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
