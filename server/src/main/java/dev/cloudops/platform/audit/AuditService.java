package dev.cloudops.platform.audit;

import dev.cloudops.platform.web.Page;
import java.util.List;
import org.springframework.stereotype.Service;

/** Records and reads the audit trail. Features call {@link #record} for work that is not one HTTP call. */
@Service
public class AuditService {

    private final AuditStore store;

    AuditService(AuditStore store) {
        this.store = store;
    }

    public void record(AuditEvent event) {
        store.append(event);
    }

    public Page<AuditEvent> find(AuditQuery query, int page, int size) {
        List<AuditEvent> items = store.find(query, page * size, size);
        return new Page<>(items, page, size, store.count(query));
    }
}
