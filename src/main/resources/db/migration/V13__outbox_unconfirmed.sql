-- A message whose final "." went out with no reply from the server (connection lost, or the sender
-- killed after marking the row committed) counts as sent — at most once, docs/adr/0010 — but the row
-- says so: the campaign report counts these in-doubt messages instead of hiding them among the sent.
ALTER TABLE mail_outbox ADD COLUMN unconfirmed BOOLEAN DEFAULT FALSE NOT NULL;
