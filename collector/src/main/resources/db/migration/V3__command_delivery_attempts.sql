-- How many times a command was handed to its device: 1 after the first delivery, one more for each
-- redelivery after a lease without a result (CommandService). Commands delivered before this column
-- existed were handed out once.
ALTER TABLE commands ADD COLUMN delivery_attempts INTEGER NOT NULL DEFAULT 0;
UPDATE commands SET delivery_attempts = 1 WHERE delivered_at IS NOT NULL;
