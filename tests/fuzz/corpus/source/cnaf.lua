-- taux de couverture par commune, publié chaque année
source "cnaf-communes" {
  titre = "CNAF, accueil du jeune enfant par commune",
  fichiers = "accueil_com_*.csv",
  territoire = { colonne = "CODGEO", par = "insee" },
  periode = { colonne = "an" },
  valeurs = {
    NB_PLACES = { indicateur = "taux_couverture", role = "numerateur" },
    NB_ENF = { indicateur = "taux_couverture", role = "denominateur" },
  },
  manquant = { "s", "nd" },
}
