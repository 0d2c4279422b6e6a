-- Les bases communales du recensement de l'INSEE, « évolution et structure de la population »
-- (base-cc-evol-struct-pop-AAAA.csv : « ; », UTF-8, point décimal), une colonne par tranche
-- d'âge préfixée de l'année (P21_POP0002 : les 0-2 ans en 2021). Les communes par leur code
-- INSEE (CODGEO) ; celles hors du plan sont écartées et comptées.
--
-- Le nom de la colonne change chaque année (P21_…, P22_…) : une correspondance par
-- millésime, qui ne diffèrent que par l'année. L'an prochain : copier la dernière et y
-- remplacer 2022 par 2023 et P22 par P23.

source "insee-pop-age-2021" {
  titre = "INSEE, population par tranche d'âge en 2021, niveau commune (base-cc-evol-struct-pop-2021)",
  fichiers = "base-cc-evol-struct-pop-2021*.csv",
  territoire = { colonne = "CODGEO", par = "insee" },
  periode = 2021,
  valeurs = {
    -- les enfants de moins de 3 ans : le dénominateur du taux de couverture
    P21_POP0002 = { indicateur = "taux_couverture", role = "denominateur" },
  },
  hors_plan = "ignorer",
}

source "insee-pop-age-2022" {
  titre = "INSEE, population par tranche d'âge en 2022, niveau commune (base-cc-evol-struct-pop-2022)",
  fichiers = "base-cc-evol-struct-pop-2022*.csv",
  territoire = { colonne = "CODGEO", par = "insee" },
  periode = 2022,
  valeurs = {
    P22_POP0002 = { indicateur = "taux_couverture", role = "denominateur" },
  },
  hors_plan = "ignorer",
}
