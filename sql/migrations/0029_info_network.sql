-- 0029_info_network.sql — the grassroots information network of each commune
-- (issue #12; Bắc Ninh 2025 draft Art. 4(4)(b)): the Front, the mass
-- organisations and respected persons who pass information on, and the
-- channels each relays through.
CREATE TABLE info_network (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id),   -- a commune, or a village of it
  kind       TEXT NOT NULL CHECK (kind IN ('front','mass_org','respected_person','other')),
  name       TEXT NOT NULL,
  channels   TEXT NOT NULL,                            -- space separated
  reach      INTEGER NOT NULL DEFAULT 0,               -- people it reaches, as estimated
  contact    TEXT NOT NULL DEFAULT '',                 -- shown to officers only
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE INDEX info_network_unit ON info_network(unit_id);
