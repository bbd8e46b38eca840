-- Terrain data model, part 11: tracking of e-mail campaigns (issue 8). Signed links and pixel,
-- share attribution, per-person opt-out and the global switch, A/B tests. See docs/mail.md
-- ("Suivi des ouvertures et des clics") and docs/adr/0011-mail-tracking.md.

-- What tracking adds to mail-core's events. Never an IP address nor the user-agent string:
-- link_index 0 is the open pixel, 1… the campaign's links (mail_link); referral the code the
-- link carried; browser the random id of the first-party cookie set on a click (null for opens);
-- device a coarse class of the user agent (desktop, mobile, automated, unknown).
ALTER TABLE mail_event ADD COLUMN link_index INT;
ALTER TABLE mail_event ADD COLUMN referral CHAR(8);
ALTER TABLE mail_event ADD COLUMN browser VARCHAR(32);
ALTER TABLE mail_event ADD COLUMN device VARCHAR(12);

-- The links of a campaign as its messages carry them: a click token names a link by its number,
-- and the redirect goes only to the URL recorded here (never to a URL taken from the request).
CREATE TABLE mail_link (
    campaign_id      BIGINT NOT NULL REFERENCES mail_campaign (id),
    link_index       INT NOT NULL CHECK (link_index > 0),
    url              VARCHAR(2000) NOT NULL,
    PRIMARY KEY (campaign_id, link_index),
    UNIQUE (campaign_id, url)
);

-- PERSONAL DATA. People who asked not to be tracked (ePrivacy): their messages carry no pixel and
-- plain links; a click through an older tracked link still redirects but records nothing.
CREATE TABLE mail_tracking_optout (
    person_id        BIGINT PRIMARY KEY REFERENCES person (id),
    opted_out_at     TIMESTAMP NOT NULL,
    via              VARCHAR(20) NOT NULL            -- link (the message's own opt-out link), cli, web
);

-- Settings of tracking: 'enabled' (true/false) is the global switch; absent means off until an
-- administrator turns it on (no tracking without a decision).
CREATE TABLE mail_tracking_setting (
    name             VARCHAR(64) PRIMARY KEY,
    setting_value    VARCHAR(200) NOT NULL,
    updated_by       VARCHAR(64) NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

-- An A/B test: variant A is the campaign itself, variant B a sibling campaign (its own subject,
-- text or send time) over the same segment. When the test is set up the segment is frozen once and
-- split at random (seed kept): sample_share of the recipients, half to A and half to B, the rest
-- held back; the rest later get the winner (winner_campaign_id) once the sequential test decides
-- or the deadline passes.
CREATE TABLE mail_ab_test (
    campaign_id        BIGINT PRIMARY KEY REFERENCES mail_campaign (id),
    campaign_b_id      BIGINT NOT NULL UNIQUE REFERENCES mail_campaign (id),
    winner_campaign_id BIGINT UNIQUE REFERENCES mail_campaign (id),
    sample_share       DOUBLE PRECISION NOT NULL CHECK (sample_share > 0 AND sample_share <= 1),
    seed               BIGINT NOT NULL,
    metric             VARCHAR(10) NOT NULL CHECK (metric IN ('open', 'click')),
    window_hours       INT NOT NULL CHECK (window_hours > 0),  -- an outcome is final this long after its send
    alpha              DOUBLE PRECISION NOT NULL CHECK (alpha > 0 AND alpha < 1),
    deadline           TIMESTAMP NOT NULL,                     -- UTC
    status             VARCHAR(20) NOT NULL CHECK (status IN ('running', 'decided', 'winner-sent')),
    winner             CHAR(1) CHECK (winner IN ('A', 'B')),
    decided_by         VARCHAR(20) CHECK (decided_by IN ('test', 'deadline')),
    e_value            DOUBLE PRECISION,
    decided_at         TIMESTAMP,
    created_by         VARCHAR(64) NOT NULL,
    created_at         TIMESTAMP NOT NULL
);

-- PERSONAL DATA (through mail_contact). Which group each contact of an A/B test is in, in
-- assignment order (the sequential test pairs the i-th of A with the i-th of B); 'R' the rest.
CREATE TABLE mail_ab_assignment (
    campaign_id      BIGINT NOT NULL REFERENCES mail_ab_test (campaign_id),
    mail_contact_id  BIGINT NOT NULL REFERENCES mail_contact (id),
    variant          CHAR(1) NOT NULL CHECK (variant IN ('A', 'B', 'R')),
    position         INT NOT NULL,
    PRIMARY KEY (campaign_id, mail_contact_id),
    UNIQUE (campaign_id, variant, position)
);
