-- Les fichiers de la CNAF sur l'accueil du jeune enfant, tels que data.caf.fr les exporte
-- (CSV, « ; », UTF-8, point décimal, une colonne « annee ») et tel qu'était l'ancien fichier
-- du taux de couverture global (l'année seulement dans son nom, Excel en Windows-1252).
-- Les communes y sont nommées par leur code INSEE, les EPCI par leur SIREN : le plan les
-- déclare (territoire … { insee = "17385" }). Les lignes d'autres communes, d'autres EPCI et
-- la ligne « XX » de la CNAF (territoire non ventilé) sont écartées et comptées.

source "cnaf-nbpla-com" {
  titre = "CNAF, nombre de places d'accueil du jeune enfant par commune (data.caf.fr, nbpla_pe_com)",
  fichiers = "nbpla_pe_com*.csv",
  territoire = { colonne = "numcom", par = "insee" },
  periode = { colonne = "annee" },
  valeurs = {
    pl_eaje_com = { indicateur = "places_eaje", role = "valeur" },
    pl_am_ind_com = { indicateur = "places_assistants_maternels", role = "valeur" },
    -- toutes les places offertes aux moins de 3 ans : le numérateur du taux de couverture,
    -- dont le dénominateur vient de l'INSEE (insee.lua)
    tot_offre_com = { indicateur = "taux_couverture", role = "numerateur" },
  },
  hors_plan = "ignorer",
}

source "cnaf-txcouv-com" {
  titre = "CNAF, taux de couverture de l'accueil du jeune enfant par commune (data.caf.fr, txcouv_pe_com)",
  fichiers = "txcouv_pe_com*.csv",
  territoire = { colonne = "numcom", par = "insee" },
  periode = { colonne = "annee" },
  valeurs = { txcouv_com = { indicateur = "taux_couverture_cnaf", role = "valeur" } },
  hors_plan = "ignorer",
}

source "cnaf-txcouv-epci" {
  titre = "CNAF, taux de couverture de l'accueil du jeune enfant par EPCI (data.caf.fr, txcouv_pe_epci)",
  fichiers = "txcouv_pe_epci*.csv",
  territoire = { colonne = "numepci", par = "insee" },
  periode = { colonne = "annee" },
  valeurs = { txcouv_epci = { indicateur = "taux_couverture_cnaf", role = "valeur" } },
  manquant = { "" },
  hors_plan = "ignorer",
}

source "cnaf-tauxcouv-ancien" {
  titre = "CNAF, taux de couverture global par commune (ancien fichier TAUXCOUVAAAA.csv)",
  fichiers = "TAUXCOUV*.csv",
  dialecte = { separateur = ";", decimal = ",", encodage = "windows-1252" },
  territoire = { colonne = "NUM_COM", par = "insee" },
  periode = { fichier = "(%d%d%d%d)" },
  valeurs = { tauxcouv_com = { indicateur = "taux_couverture_cnaf", role = "valeur" } },
  hors_plan = "ignorer",
}
