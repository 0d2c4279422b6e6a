-- ctg.msg.kinds — the words of the indicator kinds (ctg.kinds): each kind's name as a person
-- reads it (kind.ID), its line in `ctg help vocabulary` (kind.ID.doc), how its values combine
-- in `ctg help eval` (kind.ID.combines, one line of the help a "\n") and its formula in an
-- explanation (explain.formula.ID) and, for a kind that rolls up over territories, what its
-- members' figures make in a sentence (kind.ID.rollup). tests/lua/kinds_spec.lua checks them.
local fr = {
  ["kind.count"] = "comptage", ["kind.ratio"] = "taux", ["kind.evolution"] = "évolution",
  ["kind.score"] = "score", ["kind.qualitative"] = "qualitatif", ["kind.max"] = "maximum",
  ["kind.count.doc"] = "comptage", ["kind.ratio.doc"] = "taux (numérateur/dénominateur)",
  ["kind.evolution.doc"] = "evolution (par rapport à une référence)", ["kind.score.doc"] = "score (enquête)",
  ["kind.qualitative.doc"] = "qualitatif (texte)",
  ["kind.max.doc"] = "maximum (le plus haut chiffre des territoires, par ex. les places de la plus grande structure)",
  ["kind.count.combines"] = "somme sur les territoires et les dimensions ; dans le temps selon le cumul de\n" ..
    "l'indicateur (somme pour les flux, dernier / moyenne / max pour les stocks)",
  ["kind.ratio.combines"] = "Σ numérateurs / Σ dénominateurs × échelle à chaque niveau — jamais une moyenne\n" ..
    "de taux ; un taux publié seul (valeur sans ses chiffres) s'affiche pour son\n" ..
    "territoire, et un agrégat qui l'inclut le laisse de côté et est partiel (il le\n" ..
    "nomme) ; « non agrégeable » quand il n'a que des taux publiés. Le numérateur\n" ..
    "et le dénominateur peuvent venir de deux fichiers (les places, les enfants) :\n" ..
    "la valeur existe quand les deux parts d'une clé sont connues ; une part seule\n" ..
    "est n.d. — « dénominateur manquant » (ou « numérateur manquant ») ; une ligne\n" ..
    "complète de la même clé (numérateur et dénominateur, ou valeur) l'emporte sur\n" ..
    "ses parts",
  ["kind.evolution.combines"] = "valeur / valeur de la période de référence (qui peut précéder le plan)",
  ["kind.score.combines"] = "moyenne pondérée par les répondants, Σ moyenne × répondants / Σ répondants (les\n" ..
    "respondents ou le denominator des lignes) ; sans effectifs, la moyenne des\n" ..
    "moyennes, et la valeur le signale ; share = Σ satisfaits / Σ réponses",
  ["kind.qualitative.combines"] = "la dernière appréciation écrite, avec sa source et sa date",
  ["kind.max.combines"] = "le plus haut chiffre des territoires membres (les places de la plus grande\n" ..
    "structure), jamais leur somme ; dans le temps selon le cumul (dernier par\n" ..
    "défaut) ; un membre sans chiffre rend l'agrégat partiel, qui le nomme ; sa\n" ..
    "cible est celle du territoire du plan",
  -- how the members' figures combine, in the sentence of a gap with a published figure
  ["kind.count.rollup"] = "la somme", ["kind.ratio.rollup"] = "la somme", ["kind.evolution.rollup"] = "la somme",
  ["kind.score.rollup"] = "la moyenne", ["kind.max.rollup"] = "le plus haut chiffre",
  ["explain.formula.count"] = "somme des valeurs sur les territoires et les dimensions ; dans le temps : {time}",
  ["explain.formula.ratio"] = "Σ numérateur / Σ dénominateur{scale} (numérateur : {numerator} ; dénominateur : {denominator})",
  ["explain.formula.evolution"] = "valeur de la période / valeur de la période de référence {baseline}{base}",
  ["explain.formula.score"] = "moyenne des scores déclarés ; part des réponses au-dessus du seuil = Σ satisfaits / Σ réponses",
  ["explain.formula.qualitative"] = "dernière appréciation enregistrée",
  ["explain.formula.max"] = "le plus haut chiffre des territoires membres (jamais leur somme) ; dans le temps : {time}",
}

local en = {
  ["kind.count"] = "count", ["kind.ratio"] = "ratio", ["kind.evolution"] = "evolution",
  ["kind.score"] = "score", ["kind.qualitative"] = "qualitative", ["kind.max"] = "maximum",
  ["kind.count.doc"] = "count", ["kind.ratio.doc"] = "ratio (numerator/denominator)",
  ["kind.evolution.doc"] = "evolution (against a baseline)", ["kind.score.doc"] = "score (survey)",
  ["kind.qualitative.doc"] = "qualitative (text)",
  ["kind.max.doc"] = "max (the highest figure of the territories, e.g. the places of the largest structure)",
  ["kind.count.combines"] = "sum over territories and dimensions; over time by the indicator's time\n" ..
    "(sum for flows, last / mean / max for stocks)",
  ["kind.ratio.combines"] = "Σ numerators / Σ denominators × scale at every level, never a mean of rates;\n" ..
    "a rate published alone is shown for its territory and left out of a roll-up,\n" ..
    "which is partial and names it; numerator and denominator may come from two files",
  ["kind.evolution.combines"] = "value / value at the baseline period (which may precede the plan)",
  ["kind.score.combines"] = "mean weighted by respondents; without counts, the mean of means, and the value\n" ..
    "says so; share = Σ satisfied / Σ answers",
  ["kind.qualitative.combines"] = "the latest written assessment, with its source and date",
  ["kind.max.combines"] = "the highest figure of the member territories, never their sum; over time by\n" ..
    "the indicator's time (last by default); a member without figures makes the\n" ..
    "roll-up partial, which names it; its target is the plan territory's",
  ["kind.count.rollup"] = "the sum", ["kind.ratio.rollup"] = "the sum", ["kind.evolution.rollup"] = "the sum",
  ["kind.score.rollup"] = "the mean", ["kind.max.rollup"] = "the highest figure",
  ["explain.formula.count"] = "sum of the values over territories and dimensions; over time: {time}",
  ["explain.formula.ratio"] = "Σ numerator / Σ denominator{scale} (numerator: {numerator}; denominator: {denominator})",
  ["explain.formula.evolution"] = "value of the period / value of the baseline period {baseline}{base}",
  ["explain.formula.score"] = "mean of the reported scores; share of answers above the threshold = Σ satisfied / Σ answers",
  ["explain.formula.qualitative"] = "last recorded assessment",
  ["explain.formula.max"] = "the highest figure of the member territories (never their sum); over time: {time}",
}

return { fr = fr, en = en }
