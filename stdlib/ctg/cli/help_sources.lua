-- ctg help sources: the guide to import mappings (`source "id" { … }`), with a worked
-- example for each shape of file an analyst receives, and the reference of every field,
-- generated from ctg.source_schema (French names first, English in parentheses; English
-- first with CTG_LANG=en).
local schema = require("ctg.source_schema")
local msg = require("ctg.msg")

local M = {}

local GUIDE = [[Les sources : lire les fichiers tels qu'on les reçoit (ctg import --using)

Les fichiers d'un analyste ne sont pas au format de ctg : open data de la CNAF et de l'INSEE,
tableaux de bord faits main, tableaux des partenaires, classeurs de réunions. Une source
décrit une fois la forme d'un fichier, en Lua, dans un fichier de correspondance rangé à
côté du plan (sources/cnaf.lua, suivi dans git) ; chaque année, le même fichier se relit
d'une commande :

  ctg check sources/cnaf.lua                        vérifier les déclarations
  ctg import --using sources/cnaf.lua txcouv_pe_com_2024.csv --dry-run   voir ce qu'il donnerait
  ctg import --using sources/cnaf.lua txcouv_pe_com_2024.csv             l'enregistrer

Un fichier de correspondance tient une ou plusieurs déclarations source "id" { … } ; chaque
fichier importé est lu par la seule source dont le motif `fichiers` correspond à son nom
(sans son dossier ; `*` : n'importe quel texte, `?` : un caractère ; majuscules et
minuscules indifférentes). --using se répète (--using cnaf.lua --using insee.lua). Aucune
source pour un fichier, deux sources pour un même fichier, ou un fichier de correspondance
dont aucune source ne lit un des fichiers donnés : erreur, rien n'est importé. Avec
--using, --sheet, --encoding et --territory sont refusés : la source les dit.

Dans un projet, ctg.yaml liste ses fichiers de correspondance (sources: [sources/cnaf.lua,
sources/insee.lua]) et ctg build lit chaque fichier de donnees par la source dont le motif
reconnaît son nom ; un fichier qu'aucune ne reconnaît est lu tel quel (le format de ctg,
en CSV, YAML ou classeur), deux sources pour un fichier : erreur. Modifier une
correspondance fait relire à la construction suivante les fichiers qu'elle lit ; ctg check
seul, dans le projet, vérifie le plan et chaque correspondance. Après chaque fichier, ctg
build donne son bilan. Exemple complet : examples/ile-oleron (make demo).

Le fichier de correspondance s'exécute comme un plan, dans le bac à sable (ni fichier, ni
commande, ni réseau) et dans les limites --timeout et --max-memory ; une erreur est donnée
avec fichier:ligne et « vouliez-vous dire … ». Chaque champ a un nom français et un nom
anglais (titre ou title) ; les accents sont facultatifs.

Comment une ligne devient des observations
  1. Les lignes avant l'en-tête sont ignorées (un titre) ; entete = 3 dit que les noms de
     colonnes sont à la ligne 3 (la ligne du fichier CSV, la ligne du classeur).
     entete = {2, 3} : deux lignes, jointes par une espace (« 2024 » au-dessus de
     « Places » donne « 2024 Places »). Une cellule fusionnée de la ligne du haut vaut pour
     chaque colonne qu'elle couvre : son texte est reporté vers la droite tant que les
     cellules suivantes de cette ligne sont vides (de même dans un CSV exporté d'un tableau
     fusionné).
  2. ignorer = function(ligne) … end est appelée sur chaque ligne de données ; ligne["Nom de
     colonne"] (ou ligne[3]) est le texte de la cellule (un nombre dans un classeur). Vraie :
     la ligne n'est pas une donnée (un total, une ligne de notes) ; elle est comptée dans le
     bilan. La fonction tourne dans le bac à sable : une erreur ou une boucle sans fin
     (--timeout) arrête l'import, avec la ligne et la source.
  3. Le territoire : territoire = { colonne = "…", par = "insee" } (le code INSEE déclaré au
     plan, insee = "59012" ; le SIREN d'un EPCI de même), par = "code" (le code du plan) ou
     par = "titre" (le nom, casse, accents, tirets et St/Ste indifférents) ; sans par, l'un
     des trois. territoire = "code" : le territoire de toutes les lignes (un tableau de bord
     d'une seule commune).
  4. La période : periode = 2024 (toutes les lignes), periode = { colonne = "annee" },
     periode = { fichier = "_(%d%d%d%d)" } (la première capture du motif Lua, lue dans le nom
     du fichier), ou, dans un tableau large, la capture de colonnes.
  5. Les valeurs : valeurs = { ["colonne"] = { indicateur = "…", role = "…" } }. Rôles :
     valeur (défaut), numerateur, denominateur, repondants, texte, manquant (la cellule est la
     raison d'une donnée manquante). Le numérateur et le dénominateur d'un même indicateur sur
     une ligne font une seule observation. Deux colonnes qui donneraient la même observation
     sont une erreur : distinguez-les par dimensions = { … } dans leur entrée. Une source ne
     fait pas de somme : deux lignes qui donnent la même observation sont une erreur (un
     tableau long de l'INSEE, une ligne par âge et par sexe : lisez plutôt le tableau qui a
     une colonne par tranche d'âge, P21_POP0002).
  6. Un tableau large (une colonne par année) : colonnes = { motif = "^(%d%d%d%d) (.+)$",
     periode = 1, nom = 2 } ; chaque colonne dont le nom correspond au motif donne la période
     (capture 1) et le nom (capture 2) qui est la clé de valeurs (casse et accents
     indifférents). Sans nom, valeurs a une seule entrée, dont toutes ces colonnes sont les
     valeurs.
  7. Les nombres : français (1 250,5) ou internationaux (1,250.5 ; 1250.5) selon le dialecte
     du fichier (détecté, ou dialecte = { decimal = "," }). Un « % » dans une cellule est une
     erreur tant que nombres = { pourcentage = … } ne dit pas quoi en faire : "retirer"
     (« 34,5 % » → 34,5) ou "fraction" (la valeur d'un taux, indicateur de nature ratio,
     écrite sans % est une part : 0,345 → 34,5, ce que contient une cellule % d'Excel ;
     « 34,5 % » reste 34,5 ; un comptage n'est jamais multiplié). Une cellule au format %
     d'un classeur contient la fraction : sans "fraction", un taux sous 1 parmi d'autres
     au-dessus de 5, ou une année où tous sont sous 1, est signalé à l'import.
  8. manquant = { "", "n.d.", "s" } : ces textes donnent une observation manquante avec sa
     raison (« manquant dans la source : « s » »), jamais 0 ni une ligne sautée ; une
     cellule vide non déclarée ne donne rien et est comptée (cellules vides) dans le bilan.
  9. hors_plan : une ligne d'un territoire que le plan n'a pas, ou d'une année à plus de dix
     ans du plan, est ignorée et comptée (hors_plan = "ignorer", le défaut : un fichier
     national de la CNAF a une ligne par commune de France) ; le bilan donne leur nombre et
     les premiers noms, pour qu'une faute de frappe se voie. hors_plan = "erreur" en fait des
     erreurs, chacune avec « vouliez-vous dire … ». Une cellule de territoire vide est
     toujours une erreur (une ligne de total : ignorez-la).
 10. Chaque observation est ensuite vérifiée comme une ligne de CSV (indicateur, dimensions,
     nature du taux…) ; la source enregistrée est le titre de la source. Tout l'import est
     une transaction : une erreur, et rien n'est enregistré.

Le bilan et l'aperçu
  Chaque fichier finit par son bilan : lignes lues, observations enregistrées, lignes
  ignorées par la règle ignorer, lignes hors du plan (et les premiers noms), valeurs
  manquantes, cellules vides. --dry-run montre aussi les premières observations, chacune avec
  sa cellule (fichier.csv:12:4, ou tableau.xlsx:Suivi!D4), et leur nombre par indicateur.

Exemples (un fichier de correspondance peut tous les tenir)

1. CNAF, taux de couverture par commune (data.caf.fr : une ligne par commune de France et
   par année ; « s » pour un chiffre couvert par le secret statistique)

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

2. CNAF, le même par EPCI (le SIREN de l'EPCI est son code insee dans le plan ; les lignes
   des autres EPCI sont hors du plan, comptées)

  source "cnaf-txcouv-epci" {
    titre = "CNAF, taux de couverture par EPCI",
    fichiers = "txcouv_pe_epci*.csv",
    territoire = { colonne = "numepci", par = "insee" },
    periode = { colonne = "annee" },
    valeurs = { txcouv_pe_epci = { indicateur = "taux_couverture_publie" } },
    manquant = { "s" },
  }

3. Un fichier dont l'année n'est que dans le nom (nbpla_pe_2022.csv)

  source "cnaf-places" {
    fichiers = "nbpla_pe_*.csv",
    territoire = { colonne = "Code commune", par = "insee" },
    periode = { fichier = "_(%d%d%d%d)%.csv$" },
    valeurs = { ["Nombre de places"] = { indicateur = "places_eaje" } },
  }

4. INSEE, population par tranche d'âge (une colonne par tranche : P21_POP0002 = 0 à 2 ans)

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

5. Un tableau de bord large : un titre en ligne 1, un en-tête fusionné sur deux lignes
   (« 2023 » au-dessus de « Places » et « Couverture »), des cellules « 34,5 % », une ligne
   de total

    Tableau de bord petite enfance ;        ;            ;        ;
    Commune                         ; 2023   ;            ; 2024   ;
                                    ; Places ; Couverture ; Places ; Couverture
    St-Amand                        ; 40     ; 34,5 %     ; 42     ; 36 %
    Total                           ; 55     ;            ; 58     ;

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

6. Le tableau d'un partenaire, une colonne par structure (chacune une valeur de la dimension
   structure de l'indicateur)

    Année ; Centre social Nord ; Centre social Sud ; MJC
    2024  ; 120                ; 85                ; 40

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

7. Un classeur des réunions (enregistrement = "reunion" : chaque colonne a un rôle instance,
   date ou note ; l'instance par son code ou son nom, la date au format 15/06/2024 ou une
   cellule date)

  source "reunions" {
    fichiers = "reunions*.xlsx",
    enregistrement = "reunion",
    valeurs = {
      Instance = { role = "instance" },
      ["Date de la réunion"] = { role = "date" },
      ["Ordre du jour"] = { role = "note" },
    },
  }

  Les financements : enregistrement = "financement", rôles financeur, annee (ou periode),
  montant (« 1 300 000 € »), action, note. L'avancement des étapes : enregistrement =
  "avancement", rôles etape, periode, etat (planned, started, done, dropped), note.

Les champs d'une source]]

-- "nom (name)": a field's names, in the messages' language first.
local function both(f)
  if f.fr == f.key then return f.key end
  if msg.lang() == "en" then return f.key .. " (" .. f.fr .. ")" end
  return f.fr .. " (" .. f.key .. ")"
end

-- One line a field, its sub-fields indented below it.
local function reference(fields, indent, out)
  for _, f in ipairs(fields) do
    local doc = msg.lang() == "en" and f.doc_en or f.doc_fr
    local extra = {}
    if f.required then extra[#extra + 1] = msg.text("source.help.required") end
    if f.default then
      -- the default in the messages' language (value → valeur, skip → ignorer)
      local shown = f.default
      for _, pair in ipairs(schema.values(f) or {}) do
        if pair[1] == f.default and msg.lang() ~= "en" then shown = pair[2] end
      end
      extra[#extra + 1] = msg.text("source.help.default", { value = shown })
    end
    out[#out + 1] = indent .. both(f) .. (#extra > 0 and " [" .. table.concat(extra, ", ") .. "]" or "") .. " — " .. doc
    if f.fields then reference(f.fields, indent .. "    ", out) end
    if f.each and #f.each > 0 then reference(f.each, indent .. "    ", out) end
  end
end

--- The topic's text.
function M.text()
  local out = { GUIDE }
  reference(schema.FIELDS, "  ", out)
  return table.concat(out, "\n")
end

return M
