-- 0046_convention_consultation.sql — a village convention's draft out for
-- comments through the consultation module (issue #12, Decree 61/2023 Art. 9):
-- the consultation that carried its comment period, when it went through one
-- (NULL: the period and the text recorded by hand, as before).
ALTER TABLE conventions ADD COLUMN consultation_id INTEGER REFERENCES consultations(id);
