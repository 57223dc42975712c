-- The requester's words in the confirm task, kept on the ticket beside satisfied and satisfaction_score
-- (the latest answer: a reopen records the answer that reopened it).
ALTER TABLE ticket ADD COLUMN feedback VARCHAR(4000);
