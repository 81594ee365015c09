-- The long-poll re-check asks every half second which devices got a command queued in the last seconds.
CREATE INDEX commands_by_status_created ON commands (status, created_at);
