-- Devices per verdict and protocol, per MAPI endpoint, as they stood at the end of each hour (kept 14 days)
-- and each day (kept 400 days): the overview's "protocol share over time". A few dozen rows per hour.
CREATE TABLE fleet_history (
    resolution VARCHAR(4)   NOT NULL,  -- 'hour' or 'day'
    at         TIMESTAMP WITH TIME ZONE NOT NULL,  -- start of the hour or day, UTC
    endpoint   VARCHAR(255) NOT NULL,  -- '' when the devices' reports named none
    verdict    VARCHAR(16)  NOT NULL,
    protocol   VARCHAR(16)  NOT NULL,
    devices    INTEGER      NOT NULL,
    PRIMARY KEY (resolution, at, endpoint, verdict, protocol)
);
