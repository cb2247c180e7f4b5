-- 0044_front_committee_head.pg.sql — a role for the head of a village's Front
-- work committee (see 0044_front_committee_head.sql).
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check CHECK (role IN ('resident','village_head',
  'front_committee_head','commune_officer','commune_chair','front_officer','board_member','supervisor',
  'agency_head','union_officer','province_admin','sysadmin'));
