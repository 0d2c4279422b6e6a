-- Convention Territoriale Globale de la Communauté de communes de l'Île d'Oléron
-- (Charente-Maritime) et de la CAF de la Charente-Maritime, 2022-2026.
--
-- ILLUSTRATIVE: the second example of ctg, of another shape than examples/clermont-ferrand:
-- an intercommunality (EPCI) and its eight communes, named by their INSEE codes as the CNAF
-- and INSEE open-data files name them, fed by those files through the stock mappings of
-- sources/ (see README.md). The communes and their codes are real; the EPCI's SIREN, every
-- title, wording and figure of this plan and of donnees/ are illustrative and must not be
-- quoted as the real convention's.

plan "ctg-ile-oleron-2022-2026" {
  title       = "Convention Territoriale Globale de la Communauté de communes de l'Île d'Oléron 2022-2026",
  period      = {2022, 2026},
  signed      = "2022-06-30",
  signatories = {
    {name = "Communauté de communes de l'Île d'Oléron", role = "Président"},
    {name = "Caisse d'Allocations Familiales de la Charente-Maritime", role = "Directeur"},
  },
  labels      = {axis = "Thématique", action = "Fiche"},
  note        = "Plan illustratif : le second exemple de ctg, alimenté par les données ouvertes de la CNAF et de l'INSEE.",
}

stake(1, "Adapter l'offre d'accueil du jeune enfant aux familles de l'île, à l'année")
stake(2, "Coordonner la politique petite enfance à l'échelle de l'intercommunalité")

---------------------------------------------------------------------------------------
-- Territoires: the EPCI is the root, its eight communes below it, each with its INSEE
-- code: the open-data files name them by that code (numcom, CODGEO), never by title.
---------------------------------------------------------------------------------------
territory("oleron", "Communauté de communes de l'Île d'Oléron") { level = "epci", insee = "241700640" }
territory("saint-pierre", "Saint-Pierre-d'Oléron")   { level = "commune", parent = "oleron", insee = "17385" }
territory("le-chateau", "Le Château-d'Oléron")       { level = "commune", parent = "oleron", insee = "17093" }
territory("dolus", "Dolus-d'Oléron")                 { level = "commune", parent = "oleron", insee = "17140" }
territory("saint-georges", "Saint-Georges-d'Oléron") { level = "commune", parent = "oleron", insee = "17337" }
territory("saint-denis", "Saint-Denis-d'Oléron")     { level = "commune", parent = "oleron", insee = "17323" }
territory("saint-trojan", "Saint-Trojan-les-Bains")  { level = "commune", parent = "oleron", insee = "17411" }
territory("grand-village", "Le Grand-Village-Plage") { level = "commune", parent = "oleron", insee = "17485" }
territory("la-bree", "La Brée-les-Bains")            { level = "commune", parent = "oleron", insee = "17486" }

committee("copil", "Comité de pilotage CTG") {
  members = {"Élus communautaires", "CAF de la Charente-Maritime"},
  meetings_per_year = 1,
}

funding("caf", "CAF de la Charente-Maritime") { floor_per_year = 380000, years = {2022, 2026} }

---------------------------------------------------------------------------------------
-- Plan-wide indicators, followed on every commune and rolled up to the EPCI.
---------------------------------------------------------------------------------------
indicator "taux_couverture" {
  label       = "Taux de couverture de l'accueil du jeune enfant (places pour 100 enfants de moins de 3 ans)",
  kind        = "ratio", scale = 100, time = "last", direction = "higher",
  numerator   = "places d'accueil offertes aux moins de 3 ans (CNAF, nbpla_pe_com : tot_offre_com)",
  denominator = "enfants de moins de 3 ans (INSEE, recensement : P.._POP0002)",
  national_reference = "cnaf:taux_couverture",
  targets     = {[2026] = 70},
}
indicator "taux_couverture_cnaf" {
  label       = "Taux de couverture global publié par la CNAF (places pour 100 enfants de moins de 3 ans)",
  kind        = "ratio", scale = 100, time = "last", direction = "higher",
  numerator   = "places d'accueil offertes aux moins de 3 ans, selon la CNAF",
  denominator = "enfants de moins de 3 ans, selon la CNAF (non publiés)",
  note        = "Le taux tel que la CNAF le publie (txcouv_pe_com, txcouv_pe_epci, TAUXCOUV) : un taux déjà calculé, sans numérateur ni dénominateur, qui ne s'agrège pas d'une commune à l'autre ; le taux de l'EPCI est celui que la CNAF publie pour lui. Les enfants que compte la CNAF ne sont pas ceux du recensement : il diffère de taux_couverture.",
}

axis(1, "Petite enfance") {
  action(1, "Développer l'offre d'accueil collectif à Saint-Pierre et au Château") {},
  action(2, "Soutenir l'accueil individuel dans les communes du sud de l'île") {},
}

sheet { actions = {1, 2}, stakes = {1, 2}, followed_by = "copil",
  pilots = {"Service petite enfance de la Communauté de communes", "CAF de la Charente-Maritime"},
  indicator "places_eaje" {
    label = "Places en établissement d'accueil du jeune enfant (CNAF, pl_eaje_com)",
    kind = "count", time = "last", direction = "higher",
    targets = {[2026] = 100},
  },
  indicator "places_assistants_maternels" {
    label = "Places chez les assistants maternels (CNAF, pl_am_ind_com)",
    kind = "count", time = "last", direction = "higher",
  },
}
