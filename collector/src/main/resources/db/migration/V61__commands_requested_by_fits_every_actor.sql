-- Who queued a command is any actor the audit log names (VARCHAR(160)): a user, or a script's API token as
-- token:<tokenId>:<name>, which a long token name takes past the 128 characters this column had. A bulk heal queues
-- its devices' commands in its creator's name, so a too-narrow column would stop it at its first device.
ALTER TABLE commands ALTER COLUMN requested_by SET DATA TYPE VARCHAR(160);
