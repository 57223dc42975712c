-- The calendar each SLA clock's due time was counted on (decision sla's calendar column), so that a later
-- move of the due time (pause, reclassification) counts on the same calendar. Clocks started before
-- calendars existed all ran on 24x7.
ALTER TABLE ticket_sla_clock ADD COLUMN calendar VARCHAR(64) DEFAULT '24x7' NOT NULL;
