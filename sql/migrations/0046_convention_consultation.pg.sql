-- 0046_convention_consultation.pg.sql — see 0046_convention_consultation.sql.
ALTER TABLE conventions ADD COLUMN consultation_id BIGINT REFERENCES consultations(id);
