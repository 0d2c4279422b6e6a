source "x" { fichiers = {"a*.csv", "b?.csv"}, territoire = 3, valeurs = { [1] = 2 }, entete = {3, 2} }
source "x" { enregistrement = "reunion", valeurs = { A = { role = "valeur" } } }
