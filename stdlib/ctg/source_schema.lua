-- ctg.source_schema — the fields of a `source "id" { … }` declaration (an import mapping),
-- declared once: English and French names, the shapes of value each accepts, the allowed
-- values (English and French), sub-fields. The checker (ctg.source), the help (`ctg help
-- sources`) and the editor definitions (ctg.luals) are all derived from this table.
local M = {}

-- Roles a column of `values` can play, by record kind (English, French).
M.ROLES = {
  observation = { { "value", "valeur" }, { "numerator", "numerateur" }, { "denominator", "denominateur" },
                  { "respondents", "repondants" }, { "text", "texte" }, { "missing", "manquant" } },
  meeting = { { "committee", "instance" }, { "date", "date" }, { "note", "note" } },
  funding = { { "funder", "financeur" }, { "year", "annee" }, { "amount", "montant" }, { "action", "action" },
              { "note", "note" } },
  progress = { { "step", "etape" }, { "period", "periode" }, { "status", "etat" }, { "note", "note" } },
}

-- A field: key (English), fr (French), shapes (what values it takes: "text", "integer",
-- "function", "texts" (a text or a list of texts), "header" (integer or list of integers),
-- "table" (sub-fields in `fields`), "map" (any keys, each value of the spec `each`)),
-- values (allowed texts: {english, french} pairs), default (documented), doc_fr/doc_en.
M.FIELDS = {
  { key = "title", fr = "titre", shapes = { "text" },
    doc_fr = "ce qu'est le fichier, en clair (et d'où il vient) ; la source enregistrée avec chaque observation",
    doc_en = "what the file is, in words (and where it comes from); stored as each observation's source" },
  { key = "files", fr = "fichiers", shapes = { "texts" }, required = true,
    doc_fr = "le ou les motifs du nom des fichiers lus ainsi (`*` : n'importe quel texte, `?` : un caractère), " ..
      "comparés au nom du fichier sans son dossier",
    doc_en = "the pattern(s) of the names of the files read this way (`*`: any text, `?`: one character), " ..
      "matched on the file's base name" },
  { key = "sheet", fr = "feuille", shapes = { "text", "integer" },
    doc_fr = "un classeur : la feuille, par son nom ou son numéro (1 = la première) ; défaut : la première",
    doc_en = "a workbook: the sheet, by name or number (1 = the first); default: the first" },
  { key = "dialect", fr = "dialecte", shapes = { "table" },
    doc_fr = "un CSV : séparateur, marque décimale, encodage ; ce qui n'est pas donné est détecté",
    doc_en = "a CSV: separator, decimal mark, encoding; what is not given is detected",
    fields = {
      { key = "separator", fr = "separateur", shapes = { "text" }, values = { { ";", ";" }, { ",", "," }, { "\t", "\t" } },
        doc_fr = "\";\", \",\" ou \"\\t\"", doc_en = "\";\", \",\" or \"\\t\"" },
      { key = "decimal", fr = "decimal", shapes = { "text" }, values = { { ",", "," }, { ".", "." } },
        doc_fr = "\",\" ou \".\"", doc_en = "\",\" or \".\"" },
      { key = "encoding", fr = "encodage", shapes = { "text" },
        values = { { "utf-8", "utf-8" }, { "windows-1252", "windows-1252" }, { "iso-8859-15", "iso-8859-15" },
                   { "utf-16", "utf-16" } },
        doc_fr = "\"utf-8\", \"windows-1252\", \"iso-8859-15\" ou \"utf-16\"",
        doc_en = "\"utf-8\", \"windows-1252\", \"iso-8859-15\" or \"utf-16\"" },
    } },
  { key = "header", fr = "entete", shapes = { "header" }, default = "1",
    doc_fr = "la ligne des noms de colonnes (les lignes d'avant sont ignorées) ; {2, 3} : deux lignes jointes par " ..
      "une espace (le texte d'une cellule fusionnée vaut pour les colonnes qu'elle couvre)",
    doc_en = "the row of column names (rows before it are ignored); {2, 3}: two rows joined by a space (a merged " ..
      "cell's text applies to every column it spans)" },
  { key = "territory", fr = "territoire", shapes = { "text", "table" },
    doc_fr = "la colonne du territoire ({colonne = …, par = …}) ; un texte : le code du territoire de toutes les lignes",
    doc_en = "the territory column ({column = …, by = …}); a text: the territory code of every row",
    fields = {
      { key = "column", fr = "colonne", shapes = { "text" }, required = true,
        doc_fr = "le nom de la colonne", doc_en = "the column's name" },
      { key = "by", fr = "par", shapes = { "text" }, values = { { "code", "code" }, { "insee", "insee" }, { "title", "titre" } },
        doc_fr = "comment la colonne nomme le territoire : code, insee (le code INSEE déclaré au plan) ou titre ; " ..
          "défaut : l'un des trois",
        doc_en = "how the column names the territory: code, insee (the INSEE code the plan declares) or title; " ..
          "default: any of the three" },
    } },
  { key = "period", fr = "periode", shapes = { "integer", "text", "table" },
    doc_fr = "la période : une année (2024), {colonne = …}, ou {fichier = motif} (l'année prise dans le nom du fichier)",
    doc_en = "the period: a year (2024), {column = …}, or {file = pattern} (the year taken from the file's name)",
    fields = {
      { key = "column", fr = "colonne", shapes = { "text" }, doc_fr = "la colonne de la période",
        doc_en = "the period's column" },
      { key = "file", fr = "fichier", shapes = { "text" },
        doc_fr = "un motif Lua dont la première capture est la période, lu dans le nom du fichier",
        doc_en = "a Lua pattern whose first capture is the period, read in the file's name" },
    } },
  { key = "values", fr = "valeurs", shapes = { "map" }, required = true,
    doc_fr = "colonne (ou nom capturé par colonnes) → {indicateur = …, role = …}",
    doc_en = "column (or name captured by columns) → {indicator = …, role = …}",
    each = {
      { key = "indicator", fr = "indicateur", shapes = { "text" },
        doc_fr = "l'indicateur du plan", doc_en = "the plan's indicator" },
      { key = "role", fr = "role", shapes = { "text" }, values = "roles", default = "value",
        doc_fr = "valeur, numerateur, denominateur, repondants, texte ou manquant (réunions : instance, date, note ; " ..
          "financements : financeur, annee, montant, action, note ; avancement : etape, periode, etat, note)",
        doc_en = "value, numerator, denominator, respondents, text or missing (meetings: committee, date, note; " ..
          "funding: funder, year, amount, action, note; progress: step, period, status, note)" },
      { key = "dimensions", fr = "dimensions", shapes = { "map" }, each_text = true, each = {},
        doc_fr = "les valeurs des dimensions de l'indicateur que donne cette colonne ({structure = \"cs-nord\"} : " ..
          "un tableau de partenaires, une colonne par structure)",
        doc_en = "the values of the indicator's dimensions this column gives ({structure = \"cs-nord\"}: a " ..
          "partners' table, one column per structure)" },
    } },
  { key = "columns", fr = "colonnes", shapes = { "table" },
    doc_fr = "tableau large (une colonne par année) : le motif Lua des noms de colonnes, le numéro de la capture " ..
      "qui donne la période et de celle qui donne le nom (la clé de valeurs)",
    doc_en = "wide table (one column per year): the Lua pattern of the column names, the number of the capture " ..
      "that gives the period and of the one that gives the name (the key of values)",
    fields = {
      { key = "pattern", fr = "motif", shapes = { "text" }, required = true, doc_fr = "motif Lua", doc_en = "Lua pattern" },
      { key = "period", fr = "periode", shapes = { "integer" }, required = true,
        doc_fr = "numéro de la capture de la période", doc_en = "number of the period's capture" },
      { key = "name", fr = "nom", shapes = { "integer" },
        doc_fr = "numéro de la capture du nom", doc_en = "number of the name's capture" },
    } },
  { key = "skip", fr = "ignorer", shapes = { "function" },
    doc_fr = "function(ligne) … end : vrai pour une ligne qui n'est pas une donnée (un total) ; comptée dans le bilan",
    doc_en = "function(row) … end: true for a row that is not data (a total); counted in the account" },
  { key = "outside", fr = "hors_plan", shapes = { "text" }, values = { { "skip", "ignorer" }, { "error", "erreur" } },
    default = "skip",
    doc_fr = "les lignes d'un territoire ou d'une période que le plan n'a pas : ignorer (comptées, les premières " ..
      "nommées dans le bilan) ou erreur",
    doc_en = "rows of a territory or period the plan lacks: skip (counted, the first named in the account) or error" },
  { key = "missing", fr = "manquant", shapes = { "texts" },
    doc_fr = "les textes qui disent « donnée manquante » (\"\", \"n.d.\", \"s\") : une observation manquante avec " ..
      "sa raison, jamais 0",
    doc_en = "the texts that mean \"missing\" (\"\", \"n.d.\", \"s\"): a missing observation with its reason, never 0" },
  { key = "numbers", fr = "nombres", shapes = { "table" },
    doc_fr = "la forme des nombres", doc_en = "the form of numbers",
    fields = {
      { key = "percent", fr = "pourcentage", shapes = { "text" }, values = { { "strip", "retirer" }, { "fraction", "fraction" } },
        doc_fr = "retirer : « 34,5 % » → 34,5 ; fraction : la valeur d'un taux (indicateur ratio) écrite sans % " ..
          "est une part, 0,345 → 34,5 (une cellule % d'Excel) ; un comptage n'est jamais multiplié",
        doc_en = "strip: \"34,5 %\" → 34.5; fraction: the value of a rate (a ratio indicator) written without % " ..
          "is a share, 0.345 → 34.5 (an Excel % cell); a count is never scaled" },
    } },
  { key = "dimensions", fr = "dimensions", shapes = { "map" },
    doc_fr = "dimension de l'indicateur → {colonne = …} (ou un texte : la même valeur pour toutes les lignes)",
    doc_en = "indicator dimension → {column = …} (or a text: the same value for every row)",
    each_text = true,
    each = {
      { key = "column", fr = "colonne", shapes = { "text" }, required = true,
        doc_fr = "la colonne de la dimension", doc_en = "the dimension's column" },
    } },
  { key = "record", fr = "enregistrement", shapes = { "text" }, default = "observation",
    values = { { "observation", "observation" }, { "meeting", "reunion" }, { "funding", "financement" },
               { "progress", "avancement" } },
    doc_fr = "ce que donne une ligne : observation, reunion, financement ou avancement",
    doc_en = "what a row gives: observation, meeting, funding or progress" },
}

--- A field list's names in one language ("en" or "fr").
function M.names(fields, lang)
  local out = {}
  for i, f in ipairs(fields) do out[i] = lang == "fr" and f.fr or f.key end
  return out
end

--- The field of a list by either name (accents ignored), or nil.
function M.field(fields, name)
  local plain = require("ctg.suggest").unaccent(tostring(name))
  for _, f in ipairs(fields) do
    if f.key == plain or f.fr == plain then return f end
  end
end

--- The allowed values of a field as {english, french} pairs (roles: those of the record kind).
function M.values(f, record)
  if f.values == "roles" then return M.ROLES[record or "observation"] end
  return f.values
end

return M
