source "cnaf-txcouv-com" {
  titre = "CNAF, accueil du jeune enfant par commune (data.caf.fr)",
  fichiers = "txcouv_pe_com*.csv",
  dialecte = { separateur = ";", decimal = ".", encodage = "utf-8" },
  territoire = { colonne = "numcom", par = "insee" },
  periode = { colonne = "annee" },
  valeurs = {
    nbpla_pe = { indicateur = "taux_couverture", role = "numerateur" },
    nbenf_moins3 = { indicateur = "taux_couverture", role = "denominateur" },
  },
  manquant = { "", "s" },
}
source "cnaf-txcouv-epci" {
  titre = "CNAF, taux de couverture par EPCI",
  fichiers = "txcouv_pe_epci*.csv",
  territoire = { colonne = "numepci", par = "insee" },
  periode = { colonne = "annee" },
  valeurs = { txcouv_pe_epci = { indicateur = "taux_couverture_publie" } },
  manquant = { "s" },
}
source "cnaf-places" {
  fichiers = "nbpla_pe_*.csv",
  territoire = { colonne = "Code commune", par = "insee" },
  periode = { fichier = "_(%d%d%d%d)%.csv$" },
  valeurs = { ["Nombre de places"] = { indicateur = "places_eaje" } },
}
source "insee-pop-age" {
  titre = "INSEE, recensement 2021, population par âge",
  fichiers = "base-cc-evol-struct-pop-2021*.csv",
  territoire = { colonne = "CODGEO", par = "insee" },
  periode = 2021,
  valeurs = {
    P21_POP0002 = { indicateur = "enfants_moins_3_ans" },
    P21_POP0305 = { indicateur = "enfants_3_5_ans" },
  },
}
source "tableau-de-bord" {
  fichiers = "tableau*.xlsx",
  feuille = "Suivi",
  entete = { 2, 3 },
  territoire = { colonne = "Commune", par = "titre" },
  colonnes = { motif = "^(%d%d%d%d) (.+)$", periode = 1, nom = 2 },
  valeurs = {
    Places = { indicateur = "places" },
    Couverture = { indicateur = "taux_couverture_publie" },
  },
  nombres = { pourcentage = "retirer" },   -- "fraction" si les cellules sont au format %
  ignorer = function(ligne) return ligne["Commune"]:match("^Total") ~= nil end,
}
source "participants-structures" {
  fichiers = "participants*.csv",
  territoire = "ville",
  periode = { colonne = "Année" },
  valeurs = {
    ["Centre social Nord"] = { indicateur = "participants", dimensions = { structure = "cs-nord" } },
    ["Centre social Sud"] = { indicateur = "participants", dimensions = { structure = "cs-sud" } },
    MJC = { indicateur = "participants", dimensions = { structure = "mjc" } },
  },
}
source "reunions" {
  fichiers = "reunions*.xlsx",
  enregistrement = "reunion",
  valeurs = {
    Instance = { role = "instance" },
    ["Date de la réunion"] = { role = "date" },
    ["Ordre du jour"] = { role = "note" },
  },
}
