/**
 * Remembered sensor per client (issue 14, migration 8): the sensor a client last recorded with
 * (`sensor_key`: the sensor's spec — a simulator spec, `ble:<id>`, a serial port spec), so the
 * group set-up assigns it again next time. One row per client and sensor; `last_used_at` says
 * which one is the newest. Additive only: a database without it is read as it is (the repository
 * checks for the table). IF NOT EXISTS: a database that already has it (rebuilt from a later one) upgrades too.
 */
export const SCHEMA_CLIENT_SENSORS = `CREATE TABLE IF NOT EXISTS client_sensors (
  client_id    INTEGER NOT NULL REFERENCES clients (id),
  sensor_key   TEXT NOT NULL CHECK (length(sensor_key) BETWEEN 1 AND 500),
  last_used_at TEXT NOT NULL,
  PRIMARY KEY (client_id, sensor_key)
) STRICT;
CREATE INDEX IF NOT EXISTS client_sensors_key ON client_sensors (sensor_key, last_used_at);`;
