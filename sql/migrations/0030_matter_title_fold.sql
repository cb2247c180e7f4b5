-- 0030_matter_title_fold.sql — matters found by the site search without
-- diacritics or case (issue #13: "search finds everything public"): the
-- folded title (str_fold), filled for earlier matters by `coso init` and
-- `coso serve` (matters_fold_backfill).
ALTER TABLE matters ADD COLUMN title_fold TEXT NOT NULL DEFAULT '';
