-- Terrain data model, part 26: the campaign's own record of its targeting (Regulation (EU) 2024/900 on political
-- advertising, art. 19; docs/adr/0025-political-advertising-regulation.md). The techniques a campaign used follow from
-- its segment and its A/B test; what the campaign declared, when it was first sent, about the explicit consent to
-- targeting (privacy.properties, targeting.consent) is kept here, so that a later change of the setting does not
-- rewrite the record. NULL: not sent yet (or sent before this version); '': sent with nothing declared.
ALTER TABLE mail_campaign ADD COLUMN targeting_consent VARCHAR(2000);
