-- The sender claims a campaign's rows to send in id order, a batch at a time. With id in the index
-- it reads the next batch of pending rows in order and stops; without it PostgreSQL walked the
-- primary key from the first row, filtering out every row already sent (90 ms a claim half-way
-- through 100,000 recipients, a quadratic cost over the campaign).
DROP INDEX mail_outbox_state;
CREATE INDEX mail_outbox_state ON mail_outbox (campaign_id, state, id);
