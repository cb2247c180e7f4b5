-- 0044_front_committee_head.sql — a role for the head of a village's Front
-- work committee (Trưởng ban công tác Mặt trận ở thôn, tổ dân phố): signs the
-- village meeting's minutes for the Front (Law 10/2022 Art. 20) and is among
-- those a resolution's training target says must be trained. SQLite cannot
-- change a CHECK in place: the table is copied under the new rule.
CREATE TABLE user_roles_n (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL CHECK (role IN ('resident','village_head','front_committee_head',
            'commune_officer','commune_chair','front_officer','board_member','supervisor',
            'agency_head','union_officer','province_admin','sysadmin')),
  unit_id INTEGER REFERENCES units(id),
  UNIQUE (user_id, role, unit_id)
);
INSERT INTO user_roles_n SELECT user_id, role, unit_id FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_n RENAME TO user_roles;
CREATE INDEX user_roles_unit ON user_roles(unit_id);
