-- ctg.msg.contain — the sentences of containment: what code and projects from others
-- (plans, custom rules, report scripts, avenants, cloned projects, hand-altered databases)
-- are refused, and why. Paths and names are given as they were written.
local fr = {
  ["contain.error-object"] = "(erreur sans message : une valeur de type {type})",
  ["contain.db-not-file"] = "{path} : une base de données est un fichier ordinaire, pas un tube, un périphérique " ..
    "ou un dossier (--db, $CTG_DB)",
  ["contain.git.unchecked"] = "(état non vérifié : la configuration git du projet n'est pas lue par ctg)",
  ["contain.db.lie"] = "la base a été modifiée hors de ctg : la table {table}, ligne id {row}, colonne {column} ne " ..
    "contient pas ce que ctg y écrit ({what}) ; ctg refuse de calculer sur cette base plutôt que de donner une " ..
    "somme fausse (reconstruisez-la avec ctg import ou ctg build)",
  -- a database checked on open (its schema, its fixed rows) and before reads through the joins
  ["contain.db.altered"] = "base altérée : {finding} ; ctg refuse une base modifiée hors de lui plutôt que d'en " ..
    "tirer des chiffres faux (ctg verifier --db {path} la décrit en entier ; reconstruisez-la avec ctg import ou " ..
    "ctg build, ou reprenez une copie)",
  ["contain.db.not-ctg"] = "{path} n'est pas une base de ctg : elle contient déjà {object} sans numéro de schéma " ..
    "de ctg ; ctg n'y écrit pas ses tables (donnez une autre --db)",
  ["contain.db.object.table"] = "la table {name}",
  ["contain.db.object.view"] = "la vue {name}",
  ["contain.db.object.index"] = "l'index {name}",
  ["contain.db.object.trigger"] = "le déclencheur {name}",
  ["contain.db.object.other"] = "l'objet {name}",
  ["contain.db.schema.changed"] = "la définition de {object} n'est pas celle que ctg a écrite (schéma {version})",
  ["contain.db.schema.missing"] = "il manque {object}, que ctg crée au schéma {version}",
  ["contain.db.schema.extra"] = "{object} ne fait pas partie du schéma {version} de ctg : un objet ajouté hors de ctg",
  ["contain.db.row"] = "la table {table}, ligne id {row}, colonne {column} ne contient pas ce que ctg y écrit ({what})",
  ["contain.db.row-missing"] = "il manque à la table {table} la ligne id {row} ({what}), que ctg y écrit",
  ["contain.db.row-extra"] = "la table {table} a une ligne id {row} que ctg n'y écrit jamais",
  -- a project's paths (ctg.yaml) stay inside it; ctg build replaces only its own base
  ["contain.project.empty"] = "« {key} » attend un chemin relatif au projet",
  ["contain.project.absolute"] = "« {key} » : le chemin absolu « {path} » sort du projet ; les chemins de ctg.yaml " ..
    "sont relatifs au dossier du projet",
  ["contain.project.dotdot"] = "« {key} » : le chemin « {path} » sort du projet par '..' ; les chemins de ctg.yaml " ..
    "restent dans le dossier du projet",
  ["contain.project.symlink"] = "« {key} » : le chemin « {path} » passe par un lien symbolique, qui pourrait mener " ..
    "hors du projet ; mettez le fichier lui-même dans le projet",
  ["contain.project.not-dir"] = "« {key} » : un élément du chemin « {path} » n'est pas un dossier",
  ["contain.project.io"] = "« {key} » : le chemin « {path} » ne peut pas être vérifié",
  ["contain.project.data-link"] = "{file} : « {path} » est un lien symbolique dans un dossier de données ; ctg build " ..
    "ne suit pas les liens (ils pourraient mener hors du projet) : copiez le fichier",
  ["contain.render"] = "le rendu du rapport de {script}",
  ["contain.project.missing"] = "est introuvable",
  ["contain.project.folder"] = "est un dossier, pas un fichier",
  ["contain.project.special"] = "est un tube, un périphérique ou un socket, pas un fichier : ctg build ne le lit pas",
  ["contain.project.data-special"] = "{file} : « {path} » est un tube, un périphérique ou un socket, pas un fichier " ..
    "de données ; ctg build ne le lit pas (il pourrait bloquer la construction ou l'alimenter sans fin) : retirez-le",
  ["contain.project.db-not-file"] = "la base « {path} » n'est pas un fichier ordinaire (un lien symbolique, un dossier " ..
    "ou un périphérique) : ctg build ne la remplace pas",
  ["contain.project.db-foreign"] = "« {path} » n'est pas une base construite par ctg build (pas de base SQLite de ctg " ..
    "avec son état {path}.build) : ctg build ne remplace pas un fichier qu'il n'a pas créé ; changez « base » dans " ..
    "ctg.yaml ou déplacez ce fichier",
  -- ctx.read_csv: a file of the script's folder, nothing else
  ["contain.read.not-a-name"] = "ctx.read_csv attend le nom d'un fichier du dossier du script (un texte), pas {got}",
  ["contain.read.empty"] = "ctx.read_csv attend le nom d'un fichier du dossier du script, pas un texte vide",
  ["contain.read.absolute"] = "ctx.read_csv lit un fichier du dossier du script, pas le chemin absolu « {name} » " ..
    "(donnez un chemin relatif à {dir})",
  ["contain.read.dotdot"] = "ctx.read_csv lit un fichier du dossier du script, sans '..' (reçu « {name} »)",
  ["contain.read.symlink"] = "ctx.read_csv ne suit pas les liens symboliques : « {name} » passe par un lien " ..
    "(copiez le fichier dans {dir})",
  ["contain.read.not-dir"] = "ctx.read_csv : un élément du chemin « {name} » n'est pas un dossier",
  ["contain.read.not-regular"] = "ctx.read_csv lit un fichier ordinaire : « {name} » est un tube, un périphérique " ..
    "ou un dossier",
  ["contain.read.too-big"] = "ctx.read_csv : « {name} » dépasse {max} Mo",
  ["contain.read.missing"] = "ctx.read_csv : pas de fichier « {name} » dans {dir}",
  ["contain.read.io"] = "ctx.read_csv : impossible de lire « {name} » : {detail}",
  ["lint.control-characters"] = "le champ « {field} » {of} contient des caractères de contrôle " ..
    "(séquences d'échappement, commandes du terminal ou inversions du sens d'écriture) : « {text} » ; " ..
    "ils sont montrés échappés dans la console, retirez-les du texte",
}

local en = {
  ["contain.error-object"] = "(error without a message: a {type} value)",
  ["contain.db-not-file"] = "{path}: a database is a regular file, not a pipe, a device or a folder (--db, $CTG_DB)",
  ["contain.git.unchecked"] = "(state not checked: ctg does not read the project's git configuration)",
  ["contain.db.lie"] = "the database was changed outside ctg: table {table}, row id {row}, column {column} does not " ..
    "hold what ctg writes there ({what}); ctg refuses to compute on it rather than give a wrong sum (rebuild it " ..
    "with ctg import or ctg build)",
  ["contain.db.altered"] = "altered database: {finding}; ctg refuses a database changed outside it rather than " ..
    "draw wrong figures from it (ctg verify --db {path} describes it all; rebuild it with ctg import or ctg build, " ..
    "or take a copy)",
  ["contain.db.not-ctg"] = "{path} is not a ctg database: it already holds {object} without a ctg schema number; " ..
    "ctg does not write its tables into it (give another --db)",
  ["contain.db.object.table"] = "the table {name}",
  ["contain.db.object.view"] = "the view {name}",
  ["contain.db.object.index"] = "the index {name}",
  ["contain.db.object.trigger"] = "the trigger {name}",
  ["contain.db.object.other"] = "the object {name}",
  ["contain.db.schema.changed"] = "the definition of {object} is not the one ctg wrote (schema {version})",
  ["contain.db.schema.missing"] = "{object} is missing, which ctg creates in schema {version}",
  ["contain.db.schema.extra"] = "{object} is not part of ctg's schema {version}: an object added outside ctg",
  ["contain.db.row"] = "table {table}, row id {row}, column {column} does not hold what ctg writes there ({what})",
  ["contain.db.row-missing"] = "table {table} lacks row id {row} ({what}), which ctg writes there",
  ["contain.db.row-extra"] = "table {table} has a row id {row} that ctg never writes there",
  ["contain.project.empty"] = "'{key}' expects a path relative to the project",
  ["contain.project.absolute"] = "'{key}': the absolute path '{path}' leaves the project; the paths of ctg.yaml are " ..
    "relative to the project's folder",
  ["contain.project.dotdot"] = "'{key}': the path '{path}' leaves the project through '..'; the paths of ctg.yaml " ..
    "stay inside the project's folder",
  ["contain.project.symlink"] = "'{key}': the path '{path}' goes through a symbolic link, which could lead out of " ..
    "the project; put the file itself in the project",
  ["contain.project.not-dir"] = "'{key}': a part of the path '{path}' is not a folder",
  ["contain.project.io"] = "'{key}': the path '{path}' cannot be checked",
  ["contain.project.data-link"] = "{file}: '{path}' is a symbolic link in a data folder; ctg build follows no link " ..
    "(it could lead out of the project): copy the file",
  ["contain.render"] = "the rendering of the report of {script}",
  ["contain.project.missing"] = "cannot be found",
  ["contain.project.folder"] = "is a folder, not a file",
  ["contain.project.special"] = "is a pipe, a device or a socket, not a file: ctg build does not read it",
  ["contain.project.data-special"] = "{file}: '{path}' is a pipe, a device or a socket, not a data file; ctg build " ..
    "does not read it (it could block the build or feed it without end): remove it",
  ["contain.project.db-not-file"] = "the base '{path}' is not a regular file (a symbolic link, a folder or a device): " ..
    "ctg build does not replace it",
  ["contain.project.db-foreign"] = "'{path}' is not a base built by ctg build (no ctg SQLite base with its state " ..
    "{path}.build): ctg build does not replace a file it did not create; change 'base' in ctg.yaml or move the file",
  ["contain.read.not-a-name"] = "ctx.read_csv expects the name of a file in the script's folder (a string), not {got}",
  ["contain.read.empty"] = "ctx.read_csv expects the name of a file in the script's folder, not an empty string",
  ["contain.read.absolute"] = "ctx.read_csv reads a file of the script's folder, not the absolute path '{name}' " ..
    "(give a path relative to {dir})",
  ["contain.read.dotdot"] = "ctx.read_csv reads a file of the script's folder, without '..' (got '{name}')",
  ["contain.read.symlink"] = "ctx.read_csv follows no symbolic link: '{name}' goes through one (copy the file into {dir})",
  ["contain.read.not-dir"] = "ctx.read_csv: a part of the path '{name}' is not a folder",
  ["contain.read.not-regular"] = "ctx.read_csv reads a regular file: '{name}' is a pipe, a device or a folder",
  ["contain.read.too-big"] = "ctx.read_csv: '{name}' is larger than {max} MB",
  ["contain.read.missing"] = "ctx.read_csv: no file '{name}' in {dir}",
  ["contain.read.io"] = "ctx.read_csv: cannot read '{name}': {detail}",
  ["lint.control-characters"] = "field '{field}' {of} holds control characters (escape sequences, " ..
    "terminal commands or reversed writing direction): '{text}'; they are shown escaped on the console, " ..
    "remove them from the text",
}

return { fr = fr, en = en }
