-- A suspension names the moderation action that imposed it, which the member may appeal.
ALTER TABLE suspensions ADD COLUMN action_id BIGINT REFERENCES mod_actions(id);
UPDATE suspensions SET action_id = (
    SELECT max(id) FROM mod_actions
    WHERE mod_actions.subject_id = suspensions.user_id AND mod_actions.action = 'suspend'
);
