package com.acmebank.triggers.flink;

import com.acmebank.triggers.event.Event;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.functions.KeySelector;

/** Key selectors and small adapters of the job graph, named so the wiring has no anonymous functions. */
final class Keys {
    private Keys() {}

    static final class ByCustomer implements KeySelector<CustomerInput, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CustomerInput in) {
            return in.customerId();
        }
    }

    static final class ByProductShard implements KeySelector<HoldingsInput, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(HoldingsInput in) {
            return in.shard;
        }
    }

    static final class AsCustomerInput implements MapFunction<Event, CustomerInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public CustomerInput map(Event e) {
            return CustomerInput.of(e);
        }
    }
}
