-- Convention Territoriale Globale (CTG) Ville de Clermont-Ferrand – CAF du Puy-de-Dôme,
-- plan d'actions 2021-2025, transcribed into the ctg plan vocabulary.
--
-- Source: deliberation of the Clermont-Ferrand municipal council of 5 March 2021
-- (rapport n° 43) and its annex "PLAN D' ACTIONS 2021-2025 – Convention Territoriale
-- Globale" (édition du 1er février 2021), converted from PDF.
--
-- CALENDAR YEARS ARE UNKNOWN: every sub-action has a 2021…2025 "CALENDRIER" grid in the
-- original, but the shading of the ticked cells was lost in the PDF conversion. No step
-- carries `years`; do not read that as "not scheduled".
--
-- Text values are verbatim French from the document (straight apostrophes as in the
-- source). Where the source is garbled, what is readable is encoded and a `note` or a
-- comment says so. Nothing here is invented, except the clearly marked example rules at
-- the end of the file.

plan "ctg-clermont-2021-2025" {
  -- the title as the action plan's cover prints it ("PLAN D' ACTIONS 2021-2025 /
  -- Convention Territoriale Globale / entre la Ville de Clermont-Ferrand / et la Caisse
  -- d'Allocations Familiales du Puy-de-Dôme"), its lines joined
  title        = "Convention Territoriale Globale entre la Ville de Clermont-Ferrand et la Caisse d'Allocations Familiales du Puy-de-Dôme",
  period       = {2021, 2025},
  council_date = "2021-03-05",   -- "SEANCE DU 05 mars 2021 à 17 h 00"
  -- `signed` is left unset: the document does not give the date the convention itself was
  -- signed. "Fait à Clermont-Ferrand, le 19 MARS 2021" is the date the deliberation was
  -- certified ("Pour ampliation certifiée conforme"), kept as such.
  certified    = "2021-03-19",
  signatories  = {"Ville de Clermont-Ferrand", "CAF du Puy-de-Dôme"},
  vision       = "Clermont-Ferrand, une ville solidaire pour les jeunes clermontois et leurs parents, à l'écoute et en soutien de leurs besoins et de leurs attentes, pour nous permettre de partager et de mieux vivre ensemble.",
  challenge    = "Des services adaptés aux familles, accessibles sur l'ensemble du territoire, et capables d'évoluer en fonction des besoins des habitants.",
  edition      = "2021-02-01",   -- "Edition du 1er février 2021" (the cover page says "Janvier 2021")
  note         = [[Intitulé du document : "PLAN D' ACTIONS 2021-2025 – Convention Territoriale Globale entre la Ville de Clermont-Ferrand et la Caisse d'Allocations Familiales du Puy-de-Dôme". Délibération : Rapport N° 43 "SIGNATURE ET MISE EN OEUVRE DE LA CONVENTION TERRITORIALE GLOBALE (CTG) PARTENARIAT VILLE - CAF", adoptée à l'unanimité ; ampliation certifiée conforme le 19 mars 2021 par Cécile AUDET, Adjointe chargée de la Petite Enfance, l'Enfance, Jeunesse et Education. La date de signature de la convention elle-même n'est pas donnée par le document.]],
}

---------------------------------------------------------------------------------------
-- Enjeux de progrès CTG (collected from the "Enjeu(x) de progrès CTG n°…" line of every
-- fiche). Numbers 5, 11 and 13 are never named in the document and are not declared.
-- Apart from the points noted below, each number has the same wording in every fiche.
---------------------------------------------------------------------------------------
stake(1, "Réussir la convergence des projets des directions impliquées vers un projet commun partagé avec la CAF")       -- fiche 14+15
stake(2, "Anticiper les besoins de la population en augmentation")                                                       -- fiches 7, 14+15
stake(3, "Augmenter la capacité d'accueil de la petite enfance et des écoles")                                            -- fiche 7
stake(4, "Maintenir et renforcer les projets de centres sociaux et d'espaces de vie sociale dans les QPV")              -- fiches 1+2, 4, 5+6, 8, 14+15
stake(6, "Appréhender la santé comme pierre angulaire de l'existence")                                                    -- fiches 10, 13
stake(7, "Ouvrir de nouvelles places d'accueil en petite enfance")                                                        -- fiche 7
stake(8, "Développer les conditions et la capacité d'accueil en milieu scolaire et périscolaire")                        -- fiches 1+2, 3, 7, 9, 10
stake(9, "Soutenir les familles en situation fragile")                                                                    -- fiches 3, 5+6, 11
stake(10, "Adapter le plan stratégique d'action en fonction des particularités des familles des territoires")            -- fiches 5+6, 9, 14+15
-- 12: printed with a final full stop ("…en bonne santé.") which closes the enjeu line; dropped here.
stake(12, "Garantir l'accès aux soins pour construire son avenir durablement en bonne santé")                             -- fiche 13
stake(14, "Consolider les parcours éducatifs")                                                                            -- fiche 8
stake(15, "Proposer des loisirs sources d'épanouissement pour tous")                                                      -- fiches 5+6, 12
stake(16, "Favoriser le développement d'une politique jeunesse singulière")                                               -- fiches 8, 12
-- 17: in fiche 9 the enjeu line runs into the diagnostic text; the full stop after it is dropped here.
stake(17, "S'engager dans la mise en œuvre de la charte d'accessibilité universelle")                                     -- fiche 9
-- 18: "Renover" is printed without its accent; kept as printed.
stake(18, "Renover nos conceptions d'accompagnement de la parentalité")                                                   -- fiche 11
stake(19, "Harmoniser les conceptions d'accueil et de communication")                                                     -- fiche 1+2
stake(20, "Assurer l'accès aux technologies de l'information et de la communication")                                     -- fiche 4
stake(21, "Réformer l'intervention sociale de proximité")                                                                 -- fiches 4, 14+15

---------------------------------------------------------------------------------------
-- Territoires named in the document. The document never says that a named territory is a
-- QPV or in REP+ (it only speaks of "les QPV Clermontois", "secteurs REP+" and "Quartier
-- Politique de la Ville, REP+" in general), so no qpv / rep_plus flag is set: unknown.
-- The text gives no nesting between them, so every parent is the city.
---------------------------------------------------------------------------------------
territory("clermont-ferrand", "Clermont-Ferrand") { level = "city" }

territory("nord", "Territoire Nord") {
  parent = "clermont-ferrand", level = "territory",
  note = [["Le nouveau Centre Social Territoire Nord est construit par la fusion des anciens équipements de la CAF et de la Ville. Ce nouveau périmètre territorial bouscule le cadre social de chaque sous-quartier" (fiche 5+6) ; aussi "quartier Nord" (fiche 8 : "Les personnes peu diplômées sont très représentées au sein des QPV Clermontois. Dans le quartier Nord, …"). Le texte ne dit pas explicitement que le territoire Nord est un QPV : qpv laissé inconnu.]],
}

territory("sud", "quartier Sud") {
  parent = "clermont-ferrand", level = "neighbourhood",
  note = [["Poursuivre le déploiement de nouveau CS et/ou EVS (La Gauthière, quartier Sud)" (4-F). Niveau "neighbourhood" d'après le mot "quartier" ; le document n'en dit pas plus.]],
}

territory("saint-jacques", "Saint-Jacques") {
  parent = "clermont-ferrand", level = "neighbourhood",
  note = [["Mettre en place sur Saint-Jacques et La Gauthière un concept de "pôle éducatif petite enfance"" (3-D).]],
}

territory("la-gauthiere", "La Gauthière") {
  parent = "clermont-ferrand", level = "neighbourhood",
  note = [[3-D ("sur Saint-Jacques et La Gauthière"), 4-F ("La Gauthière, quartier Sud") ; aussi l'équipement "LAEP La Gauthière" (pilote de l'action 11).]],
}

territory("montferrand", "Montferrand") {
  parent = "clermont-ferrand", level = "neighbourhood",
  note = [[Cité seulement dans le nom d'un équipement : "Directrice EAJE Montferrand (DPE)" (pilote de l'action 9). Retenu comme quartier à la demande de la consigne de transcription.]],
}

territory("centre-ville", "Centre Ville") {
  parent = "clermont-ferrand", level = "neighbourhood",
  note = [[Cité seulement comme lieu d'un EAJE à créer : "création d'EAJE inscrits dans le Schéma Directeur Petite Enfance : Pélissier, Centre Ville, Chanteranne" (7-A). Titre tel qu'écrit dans le document ("Centre Ville", sans trait d'union).]],
}
-- Not declared (equipment or collective names, not used as places): EAJE Pélissier,
-- Chanteranne, école V. DURUY, Crèche des Vergnes, collectif Mercoeur.

---------------------------------------------------------------------------------------
-- Gouvernance (deliberation, "Les démarches, le plan d'action et la gouvernance")
---------------------------------------------------------------------------------------
committee("copil", "Comité de pilotage") {
  members = {"Elus", "DG", "Directions et experts Ville et CAF"},
  meetings_per_year = 1,
}

committee("cotech", "Comité technique") {
  members = {"Directions et techniciens Ville et CAF"},
  meetings_per_year = 2,
}

committee("coordination", "Comité de coordination / groupe projet Ville-CAF") {
  members = {"Experts Ville et CAF"},
  meetings_per_year = 2,
  note = "à intercaler avec les COTECH ; c'est vraisemblablement le \"Comité de coordination CTG\" cité comme instance de suivi dans les fiches",
}

---------------------------------------------------------------------------------------
-- Soutien financier de la CAF (deliberation)
---------------------------------------------------------------------------------------
funding("caf", "CAF du Puy-de-Dôme") {
  floor_per_year = 1600000,
  years = {2021, 2025},
  note = [[A minima, le financement sera le même montant que celui du CEJ, soit une recette attendue d'1,6 million d'euros annuel. Ce montant sera précisé et définitivement arrêté par la CAF au moment de la signature de la CTG. Pour les nouvelles actions, il est attendu un système de bonus financier supplémentaire, recalculé par la CAF en fonction du public ciblé et du territoire d'implantation.]],
}

---------------------------------------------------------------------------------------
-- Axes, objectifs opérationnels, actions, sous-actions.
-- Axis titles as printed in the fiche headings (the deliberation words them differently,
-- e.g. "une ville bienveillante : proposer la même offre de services à tous les habitants
-- clermontois"). `merges` = the line of earlier programme actions printed under each
-- action's heading in the calendar table, split on " + " only (kept verbatim, typos and
-- all).
---------------------------------------------------------------------------------------
axis(1, "UNE VILLE BIENVEILLANTE : Proposer à tous et partout les mêmes services") {

  objective("1-1", "harmoniser les conditions d'accueil") {

    action(1, "Partager une culture commune de l'accueil (information, orientation)") {
      merges = {
        "Action 1 : Mission Accueil Information Mobilisation Orientation",
        "déclinaison C : Créer des outils et des moyens pour communiquer (PEV E n°2 Action 11)",
        "Action 16 : Promouvoir les actions Ville par une communication adaptée en direction des publics les plus éloignés.",
      },
      pilots = {
        "Responsable Service Développement des projets et partenariats (DPE)",
        "Directeur adjoint de l'Enfance - politiques éducatives transversales (DE)",
      },
      step("A", "Mettre en place un groupe de travail"),
      step("B", "Créer un référentiel commun d'accueil"),
      step("C", "Formaliser un plan de communication transversal"),
      step("D", "Constituer un réseau d'information dynamique en interaction avec les partenaires"),
    },

    action(2, "Enclencher une démarche qualité (accompagnement des publics tout au long de l'action)") {
      merges = {
        "Action 2 : Formations des acteurs personnels pour assurer un accueil de qualité des moins de 3 ans à l'école",
        "Action 3 : Dématérialisation des pointages",
        "Action 4 : Promotion de la qualité des projets d'animation",
      },
      pilots = {"Chef du service des loisirs (DE)"},
      step("A", "Mettre en place une démarche qualité (accompagnement de l'usager, dématérialisation, guichet virtuel...)"),
      step("B", "Rendre visible la démarche qualité"),
      step("C", "Formation des agents d'accueil et d'animation du personnel"),
    },
  },

  objective("1-2", "Renforcer l'offre de services et les actions dans les structures d'accueil") {

    action(3, "Développer des actions passerelles petite enfance et enfance (0 à 6 ans) : Ecole-Eaje/SAF-Laep-Ram-SMAP-ALSH...") {
      merges = {"Action 5 : Passerelles petite enfance"},
      step("A", "Poursuivre et consolider le groupe de travail pour impulser réfléchir à des actions passerelles"),
      step("B", "Développer les Toutes Petites Sections (TPS) en Maternelle"),
      step("C", "Initier et développer des actions passerelles petite enfance"),
      step("D", "Mettre en place sur Saint-Jacques et La Gauthière un concept de \"pôle éducatif petite enfance\""),
    },

    action(4, "Renforcer l'attractivité des lieux ressources pour les habitants : le centre social, l'espace de vie sociale") {
      merges = {
        "Action 6 : Le centre social, lieu ressource pour les habitants",
        "Action 17 : Éduquer aux cultures numériques",
      },
      step("A", "Faire connaître les lieux ressources et favoriser leur fréquentation"),
      step("B", "Associer les instances de participations existantes ou à venir (comité usagers) dans la mise en œuvre des projets"),
      step("C", "Impliquer les habitants dans l'animation des espaces d'accueil"),
      step("D", "Maintenir une présence sur les réseaux sociaux en direction des jeunes (Promeneurs du Net, autres...) et construire avec eux des projets"),
      step("E", "Développer le numérique grâce aux partenariats"),
      step("F", "Poursuivre le déploiement de nouveau CS et/ou EVS (La Gauthière, quartier Sud)"),
      step("G", "Réfléchir au déploiement de nouveaux CS ou EVS dans de nouveaux territoires identifiés"),
    },
  },

  objective("1-3", "Proposer des lieux de cohésion sociale") {

    action(5, "Favoriser le lien social") {
      merges = {
        "Action 7 : Le lien social commence avant 3 ans",
        "Action 8 : Des temps forts pour mieux vivre ensemble",
        "action 11 : Favoriser la mixité sociale en accueil collectif de mineurs",
        "action 9 : Vivre ensemble",
      },
      pilots = {
        "Référent des centres sociaux (DDSU)",
        "Directeur adjoint de l'Enfance - politiques éducatives transversales (DE)",
      },
      step("A", "Favoriser l'équilibre de la fréquentation des accueils de mineurs dans le sens de la mixité sociale et du vivre ensemble"),
      step("B", "Créer des actions de partage en famille par les échanges interculturels et intergénérationnels"),
      step("C", "Promouvoir et coordonner des actions de soutien à la Parentalité (type petits déjeuners des parents...) et d'autres activités partagées parents-enfants"),
      -- IRREGULARITY KEPT FROM THE SOURCE: the document codes sub-action D as "5-E" and
      -- sub-action E as "5-D". Reproduced as printed so that the linter reports it.
      step("D", "Soutenir et développer les Lieux d'Accueil Enfants-Parents (LAEP) associatifs") { code = "5-E" },
      step("E", "Proposer des temps forts pour mieux vivre ensemble") { code = "5-D" },
    },

    action(6, "Coconstruire avec les habitants leur cadre de vie") {
      merges = {
        "Action 10 : Appropriation et Amélioration du cadre de vie",
        "Végétalisation des cours d'école",
      },
      pilots = {
        "Référent des centres sociaux (DDSU)",
        "Chef du service des loisirs (DE)",
      },
      step("A", "Transformer les cours des écoles notamment par la végétalisation, puis d'autres espaces, en lieux de vie avec les usagers et les habitants"),
      step("B", "Favoriser le dialogue citoyen afin de faire émerger des initiatives de proximité (type budget participatif, Gestion Urbaine et Sociale de Proximité...)"),
    },
  },
}

axis(2, "UNE VILLE INCLUSIVE (POUR TOUS) : Garantir l'accès aux services") {

  objective("2-1", "Renforcer les lieux de socialisation et les parcours d'accompagnement") {

    action(7, "Accroître l'accueil en « petite enfance » et en « enfance »") {
      merges = {
        "Action 12 : Développement de l'accueil en « petite enfance »",
        "Action 13 : L'accueil à partir de 2 ans en milieu scolaire et extrascolaire / Déclinaison A : Etablir un diagnostic et prévoir une adaptation des locaux pour les 2 ans ( pev2 axe1)",
        "Déclinaison B : Pour l'accueil périscolaire, penser un accueil spécifique et adapté aux 2-6 ans pour le matin et les moments de goûters (PEV E n°2 Action 4)",
        "Action 14 : Développer l'offre des accueils de loisirs extrascolaires hors des écoles",
      },
      step("A", "Développer l'accueil en « petite enfance » (extension des modes d'accueil individuel et collectif, création d'EAJE inscrits dans le Schéma Directeur Petite Enfance : Pélissier, Centre Ville, Chanteranne)"),
      step("B", "Couvrir tout le territoire et harmoniser l'offre de service Relais Petite Enfance"),
      step("C", "Établir un diagnostic et prévoir une adaptation des locaux à l'âge des enfants"),
      step("D", "Pour l'accueil périscolaire, penser un accueil spécifique et adapté aux 2-6 ans pour le matin et les moments de goûters"),
      step("E", "Poursuivre le développement qualitatif de l'offre d'accueil (EAJE, ACM)"),
    },

    action(8, "Démultiplier les actions pour la réussite éducative des enfants et des jeunes") {
      merges = {
        "Action 15 : La réussite éducative des jeunes",
        "DRE",
        "Cités éducatives",
        "CLAS",
      },
      step("A", "Recenser les dispositifs existants et identifier les besoins des jeunes"),
      step("B", "Proposer une offre coordonnée pour améliorer l'accompagnement scolaire collèges et lycées en s'inscrivant dans un réseau éducatif"),
      step("C", "Valoriser les réussites des jeunes et impliquer les parents dans le parcours de leurs enfants"),
      step("D", "Prolonger l'action DEMOS"),
      step("E", "Déployer la démarche de labellisation \"cités éducatives\" (Quartier Politique de la Ville, REP+)"),
    },
  },

  objective("2-2", "Favoriser l'accès aux droits et l'intégration universelle") {

    action(9, "Encourager et privilégier l'inclusion des publics particuliers et singuliers") {
      merges = {
        "Action 19 : INCLUSION DES PUBLICS PARTICULIERS",
        "déclinaison A : FAVORISER L'ACCUEIL DES ENFANTS PORTEURS DE HANDICAP DANS LES ACCUEILS DE MINEURS",
        "déclinaison B : Le handicap, un accueil individualisé, avec un accompagnement des professionnels(elles) (PEVPE AXE 3.2.1 à 3.2.2), Être acteur de la charte de la Ville (PEVPE AXE 3.2.3)",
        "déclinaison C : Redéfinir les secteurs scolaires et renforcer la mixité sociale en veillant à l'intégration des élèves issus de toutes les populations et notamment migrante",
      },
      step("A", "Constituer un groupe de travail autour de l'accueil des enfants porteurs de handicaps / migrants"),
      step("B", "Proposer des formations aux professionnels sur l'accueil des enfants porteurs de handicaps / migrants"),
      step("C", "Redéfinir les secteurs scolaires et renforcer la mixité sociale en veillant à l'intégration des élèves issus de toutes les populations, et notamment migrants"),
      step("D", "Mettre en place avec l'Éducation Nationale, et en collaboration avec les partenaires et les associations, un accueil adapté aux particularités des publics et réparti sur la Ville"),
    },

    action(10, "Bâtir un socle commun pour une alimentation qualitative dès la petite enfance") {
      -- verbatim, including "A : A :", "de l'action de l'action 2.4 .4", "inter- métier" and
      -- the unmatched closing quote.
      merges = {
        "Action 20 : Une Alimentation durable",
        "Déclinaison A : A : Favoriser les conditions du temps de repas (PEV E n°2 Action 5)",
        "Déclinaison B de l'action de l'action 2.4 .4 / créer un groupe de travail inter- métier pour améliorer et valoriser la prestation alimentaire\"",
        "Action B : Promouvoir une alimentation saine pour tous dès la petite enfance (PEVPE AXE 5.1.1 à 5.1.3)",
      },
      step("A", "Conforter l'amélioration des conditions du temps de repas"),
      step("B", "Étendre les domaines de réflexion du groupe de travail intermétiers pour accroître le champ d'intervention (Plateforme AURA, fourniture de repas des EAJE et d'autres établissements...)"),
      step("C", "Continuer à agir pour une alimentation durable et raisonnée"),
    },
  },
}

axis(3, "UNE VILLE ÉPANOUISSANTE : Diversifier durablement l'offre d'accompagnement pour chacun") {

  objective("3-1", "Accompagner les parents") {

    action(11, "Construire les conditions nécessaires à l'exercice d'une parentalité effective") {
      merges = {
        "Action 21 : La parentalité effective",
        "déclinaison A : Une coéducation réussie en élaborant des actions concertées (PEVPE AXE 3.1.1 à AXE 3.1.2), Approfondir les liens entre les professionnels et les parents (PEVPE AXE 3.3.1)",
        "déclinaison B : Prévention parentalité",
        "Action 22 : Liens parents / enfants",
        "déclinaison B de l'action 3.1.4 /Inventorier les ressources d'information sur la parentalité et les mettre à disposition",
        "Action 23 : Parentalité et santé",
        "déclinaisons A : Suite aux bilans de santé effectués à l'école, accompagner et conseiller les parents d'élèves d'enfants en surpoids ( action nouvelle)",
        "déclinaison B : Mise en place d'instant parents par les infirmières du service santé, prévention infantile",
      },
      step("A", "Accompagner toutes les familles au quotidien en prenant en compte chaque évènement qui bouleverserait l'équilibre familial"),
      step("B", "Valoriser les parents dans leur rôle éducatif en étant impliqués dans des actions de coéducation"),
      step("C", "Déployer sur toute la ville les actions enfants-parents, entre parents, entre familles : LAEP, Café des parents, Instant parent santé, activités partagées en famille..."),
      step("D", "Renforcer les compétences parentales avec des actions de préventions : semaine de la parentalité, programme santé, café des parents..."),
      step("E", "Inventorier et diffuser les ressources d'information sur la parentalité"),
    },
  },

  objective("3-2", "Garantir le développement personnel tout au long de la vie") {

    action(12, "Soutenir la continuité des démarches éducatives et culturelles de la petite enfance à la jeunesse") {
      merges = {
        "Action 24 : Des activités pour grandir, du temps pour grandir (PEVPE AXE 3.1. 3 à AXE 3.1.4)",
        "déclinaison B : Soutenir les actions de promotion et de prévention pour un développement durable (PEVPE AXE 5.3.1)",
        "Action 25 : La place de la jeunesse",
        "Action 27 : Culture et loisirs pour tous",
        "déclinaison B : Permettre aux enfants et à leurs familles de partager des moments d'émerveillement dans des espaces adaptés (PEVPE AXE 4.1.1 à 4.1.2), Désacraliser / démocratiser la culture (PEVPE AXE 4.2.1 à 4.2.2)",
        "Parcours culturels",
        "Mille Formes",
        "Capitale européenne de la Culture 2028",
        "Cités éducatives",
      },
      -- Garbled in the source: the codes 12-A…12-E are not printed (the calendar years
      -- 2023/2024/2025 ended up in the code column). The default codes 12-A…12-E are used.
      step("A", "Désacraliser / démocratiser la culture sous toutes ses formes avec Mille Formes, et dans le cadre de \"Clermont Capitale Européenne de la Culture 2028\""),
      step("B", "Collaborer avec les acteurs culturels pour inclure les publics les plus éloignés (jeunes enfants, jeunes, familles)"),
      step("C", "Actualiser les projets éducatifs et pédagogiques des structures, et optimiser la gestion des rythmes"),
      step("D", "Créer des espaces innovants et pérennes favorisant l'égalité fille/garçon"),
      step("E", "Construire avec les jeunes leur place dans les actions des CS et des EVS"),
    },

    action(13, "Élaborer un programme municipal de promotion et de prévention en santé publique") {
      merges = {
        "Action 18 : La santé des jeunes",
        "Action 26 : PROGRAMME PREVENTION SANTE",
        "déclinaisons A : Créer un programme d'éducation à la santé sur les écrans sous forme de débats et d'échanges avec les enfants",
        "déclinaisons B : Élaboration et mise en œuvre d'une formation « relaxation » pour les RAL à destination des enfants qu'ils côtoient",
        "déclinaisons C : Réactualiser par le service prévention et santé infantile le programme « Ciboulette » autour de l'alimentation ( action nouvelle) / Action 2.4.6 : Création d'un nouvel atelier \"Pour une alimentation saine et durable\".",
      },
      step("A", "Coordonner l'interaction entre les différents dispositifs de santé publique"),
      step("B", "Concevoir ou faire évoluer les actions thématiques répondant à des problématiques de santé identifiées (Santé mentale, prévention écran, \"Ciboulette\"...)"),
      step("C", "Élaborer des formations avec les acteurs de terrain pour qu'ils puissent mettre en place des actions santé avec leurs publics"),
    },
  },

  objective("3-3", "Assurer la mise en oeuvre de partenariats transversaux") {

    action(14, "Créer et consolider les collectifs et les réseaux") {
      -- verbatim; the 2nd item contains no " + " before "Déclinaison A de l'action 3.3.2"
      -- and ends with an unmatched closing quote, as printed.
      merges = {
        "Action 28 : RESEAU PETITE ENFANCE",
        "déclinaisons A : Harmoniser les pratiques éducatives au sein des structures et interstructures (PEVPE AXE 3.4.1 à 3.4.2)",
        "déclinaison B : Développer des formations communes entre professionnels (PEV E n°2 Action 7) Déclinaison A de l'action 3.3.2 En réponse à « la loi Blanquer », créer des formations communes agents petite enfance, enseignants maternels, animateurs, intervenants en maternelle, ATSEM\"",
        "Action 29 : Créer les conditions d'un réel partenariat Ville / EN (PEV E n°2 Action 14) - Déclinaison B de l'action Créer un mémento du Directeur d'école à Clermont",
        "Action 30 : Accompagnement partenarial parentalité",
      },
      step("A", "Construire un réseau \"Petite Enfance\" (Laep, Eaje, RAM...) pour impulser des actions collectives"),
      step("B", "Inciter les professionnels et les bénévoles des associations à échanger sur leurs pratiques pour veiller à la cohérence des démarches"),
      step("C", "Créer les conditions d'un réel partenariat entre la Ville et l'Éducation nationale"),
      step("D", "Proposer des formations communes pluridisciplinaires pour les professionnels et avec les partenaires (EN, ...)"),
      step("E", "Développer une stratégie \"Partenaires\" commune à tous les territoires dotés de CS et EVS"),
    },

    -- No earlier-programme line is printed under ACTION 15 in the calendar table: no `merges`.
    action(15, "Soutenir les associations") {
      step("A", "Constituer une cellule d'appui CAF-Ville pour les associations co-financées"),
      step("B", "Assurer une veille commune sur les problématiques rencontrées par ces associations"),
      step("C", "Conseiller ces associations dans leur recherche de financement multipartenarial"),
    },
  },
}

---------------------------------------------------------------------------------------
-- Fiches action (one per "Diagnostic initial" block; 1+2, 5+6 and 14+15 are shared)
---------------------------------------------------------------------------------------

-- Axe 1 / Objectif 1-1 : ACTION 1 et 2 - Diagnostic initial
sheet {
  actions = {1, 2},
  stakes  = {4, 8, 19},
  diagnostic = [[
Le diagnostic partagé met en évidence la nécessité de renforcer les modalités d'accueil du public, et particulièrement des parents. Actuellement différentes formes d'accueil sont proposées au public : accueil généralisé, accueil spécialisé, pré-accueil, front office, back office, guichet unique, kiosque internet, service en ligne, antenne décentralisée, espace de vie sociale, permanence administrative...

Nous sommes face à un système complexe dont tous les composants ne sont pas automatiquement connectés entre eux, et au sein duquel le circuit de l'information n'est pas toujours fluide. L'information étant perpétuellement en mouvement, il est donc nécessaire de mettre en œuvre une mission collaborative pour clarifier notre système, élaborer un nouveau modèle partagé d'accueil et d'information, et construire des outils de communication adaptés aux particularités des publics ciblés.]],
  public = "Les habitants, les partenaires",
  -- pilots are given per action ("Action 1 : … Action 2 : …"): see actions 1 and 2
  followed_by = "Comité de coordination CTG",
  -- no "Autres Partenaires et collaborateurs" in this fiche
  human_means = "Professionnels Ville et CAF",
  financial_means = "Ville, financements mobilisables Caf ou autre partenaire (Cnfpt...)",
  expected_results = {
    "Améliorer la qualité de l'accueil et l'orientation des publics",
    "Faire connaître les différents lieux d'accueil, de services et de ressources",
    "Perfectionner les inscriptions pour mieux préparer la rentrée scolaire, et les périodes de vacances (anticipation, fluidification des inscriptions sur plusieurs mois...)",
  },

  indicator "qualite_accueil" {
    label = "Évaluation de la qualité de l'accueil auprès des usagers",
    kind = "score",
    direction = "higher",
    note = "évaluation auprès des usagers, lue comme une enquête : score ; échelle non précisée",
  },
  indicator "outils_crees" {
    label = "Nombre d'outils de gestion et de communication créés et utilisés",
    kind = "count",
    unit = "outils",
    time = "last",
    direction = "higher",
    note = "outils « créés et utilisés » lus comme un stock d'outils en usage (last) plutôt qu'un flux annuel",
  },
  indicator "pertinence_supports" {
    label = "Évaluation de la pertinence des supports de communication par les utilisateurs",
    kind = "score",
    direction = "higher",
    note = "évaluation par les utilisateurs, lue comme une enquête : score ; échelle non précisée",
  },
  indicator "agents_formes" {
    label = "Nombre d'agents formés par catégorie de formation",
    kind = "count",
    unit = "agents",
    by = {"categorie"},
    time = "sum",
    direction = "higher",
  },
  indicator "taux_evolution_accueils" {
    label = "Taux d'évolution des accueils : nombre d'accueils ayant évolué après formation / nombre d'accueil ayant bénéficié de formation",
    kind = "ratio",
    numerator = "nombre d'accueils ayant évolué après formation",
    denominator = "nombre d'accueil ayant bénéficié de formation",
    scale = 100,
    unit = "%",
    direction = "higher",
    note = "malgré « Taux d'évolution », la formule donnée est une proportion (pas une évolution par rapport à une année de référence)",
  },
}

-- Axe 1 / Objectif 1-2 : ACTION 3 - Diagnostic initial
sheet {
  actions = {3},
  stakes  = {8, 9},
  diagnostic = [[
Les échanges entre structures de la petite enfance ne sont pas très développés et jusqu'à présent la fréquentation de l'école exclut la fréquentation d'un EAJE. L'accueil des TPS pourrait être facilité si des continuités se tissent entre les établissements et si les familles peuvent sur une période transitoire, selon les besoins de l'enfant, avoir des temps sur chacune des structures, EAJE et école maternelle. Deux tiers des parents interrogés dans le cadre du PEVPE souhaitent pour leurs enfants que les lieux d'accueil de la « Petite enfance » organisent des rencontres avec les écoles maternelles, afin de faciliter l'immersion de leur enfant en maternelle. Dans la cadre d'un travail partenarial avec l'Éducation Nationale, et en collaboration avec la Direction de l'Enfance de notre Ville, des actions expérimentales favorisant la mise en œuvre de temps « classes passerelles » vont être menées conjointement sur des sites pilotes, pour arriver progressivement à des « classes passerelles » permanentes. Au regard des résultats des expérimentations, les actions seront étendues sur de nouveaux sites avec des équipes volontaires.]],
  public = "ATSEM, animateur, enseignants, professionnels et bénévoles des structures « petite enfance » (EAJE, SAF, RAM, LAEP)\nJeunes enfants (0 à 6 ans)",
  pilots = {"Chef du service des écoles (DE), en liaison avec IEN référent mission maternelle"},
  followed_by = "Groupe de travail 1 PEV et comité de pilotage PEV",
  -- no "Autres Partenaires et collaborateurs" in this fiche
  human_means = "Professionnels Ville et CAF",
  financial_means = "Ville, CAF, Dispositif Contrat de Ville, appels à projets",
  expected_results = {
    "Renforcement de la connaissance des métiers de l'école et de la petite enfance",
    "Amélioration de l'accueil des jeunes enfants en maternelle",
    "Sécurisation des parents pour le passage de leur enfant à l'école",
  },

  indicator "temps_passerelle" {
    label = "Nombre de temps « passerelle » et de projets réalisés",
    kind = "count",
    unit = "temps et projets",
    time = "sum",
    direction = "higher",
  },
  indicator "taux_frequentation_passerelle" {
    label = "Taux de fréquentation des temps « passerelle » (nbre d'enfants participants / nbre d'enfants identifiés dans les lieux « petite enfance »)",
    kind = "ratio",
    numerator = "nbre d'enfants participants",
    denominator = "nbre d'enfants identifiés dans les lieux « petite enfance »",
    scale = 100,
    unit = "%",
    direction = "higher",
  },
  -- one bullet, two figures: the entries, and "dont les TPS" (those of them in toute petite
  -- section), which keeps the bullet's whole wording as its label
  indicator "entrees_maternelle" {
    label = "Nombre d'entrées à l'école maternelle en cours d'année",
    kind = "count",
    unit = "entrées",
    time = "sum",
    note = "puce du document : « Nombre d'entrées à l'école maternelle en cours d'année, dont les TPS » ; la part des TPS est l'indicateur entrees_maternelle_tps ; sens souhaitable non évident, direction omise",
  },
  indicator "entrees_maternelle_tps" {
    label = "Nombre d'entrées à l'école maternelle en cours d'année, dont les TPS",
    kind = "count",
    unit = "entrées",
    time = "sum",
    note = "sous-total des entrées en toute petite section (TPS) inclus dans entrees_maternelle ; direction omise",
  },
  indicator "diversite_acteurs" {
    label = "Diversité des acteurs impliqués dans les projets partenariaux",
    kind = "qualitative",
    note = "aucune mesure précisée (pourrait devenir un nombre de types d'acteurs)",
  },
}

-- Axe 1 / Objectif 1-2 : ACTION 4 - Diagnostic initial
sheet {
  actions = {4},
  stakes  = {4, 20, 21},
  diagnostic = [[
Dans le cadre du diagnostic social concerté sur le territoire Nord, la Direction du Développement Social et Urbain a identifié que le centre social doit être un lieu ressource pour les habitants, et particulièrement pour accompagner la fonction parentale. L'usage du numérique est la porte d'entrée choisie pour développer le concept de lieu ressource avec l'implication des habitants. Dans les autres territoires, en fonction des diagnostics sociaux concertés en cours ou à venir, les équipes des territoires questionneront, avec les habitants et les partenaires, la pertinence de mettre en œuvre une action équivalente. L'éducation aux cultures numériques interroge le numérique, axe majeur et structurant de la politique éducative, dans ses outils autant que ses usages.]],
  public = "Les agents de la DDSU et les habitants ; ATSEM, animateur, enseignants, Enfants et jeunes de 3 à 17 ans",
  pilots = {"Référent des centres sociaux (DDSU)"},
  followed_by = "À définir",
  -- no "Autres Partenaires et collaborateurs" in this fiche
  human_means = "Professionnels Ville et CAF",
  financial_means = "Ville, CAF, Métropole, Dispositif Contrat de Ville, appels à projets",
  expected_results = {
    "Un renforcement de l'attractivité des lieux ressources",
    "Un accompagnement de qualité par des acteurs formés et en réseau",
    "Une meilleure identification des besoins et des attentes des habitants, pour l'émergence de propositions de réponses complémentaires",
    "Réduction de la fracture numérique en direction des habitants, par l'apprentissage et la transmission de pair-à-pair",
  },
  note = "Dans la conversion, la ligne des enjeux et le diagnostic sont fondus dans une même cellule ; séparés ici.",

  indicator "projets_lieux_ressources" {
    label = "Nombre de projets mis en œuvre par type d'actions opérationnelles (A à G)",
    kind = "count",
    unit = "projets",
    by = {"step"},
    time = "sum",
    direction = "higher",
  },
  indicator "habitants_partenaires_actifs" {
    label = "Nombre d'habitants et de partenaires sensibilisés, et actifs dans la promotion des lieux ressources",
    kind = "count",
    unit = "personnes",
    time = "sum",
    direction = "higher",
    note = "habitants et partenaires comptés ensemble ; le texte ne demande pas de ventilation",
  },
  indicator "actions_numeriques" {
    label = "Nombre d'actions sur les usages numériques mis en place",
    kind = "count",
    unit = "actions",
    time = "sum",
    direction = "higher",
  },
  indicator "satisfaction_lieux_ressources" {
    label = "Enquête de satisfaction auprès des habitants participants, et des acteurs ayant participé aux actions et aux projets",
    kind = "score",
    direction = "higher",
    note = "échelle non précisée",
  },
}

-- Axe 1 / Objectif 1-3 : ACTION 5 et 6 - Diagnostic initial
sheet {
  actions = {5, 6},
  stakes  = {4, 9, 10, 15},
  diagnostic = [[
Dans le cadre du PEVPE, les acteurs de la petite enfance (professionnels et bénévoles) proposeront avec les parents de créer des liens vers d'autres structures, et d'autres dispositifs, pour permettre aux jeunes enfants de découvrir le monde extérieur, leur environnement proche, pour développer leur socialisation. Les parents souhaitent privilégier les rencontres interculturelles et intergénérationnelles, ainsi que les animations et activités festives. Le PEVE reconnaît clairement que les parents sont les premiers éducateurs de leurs enfants. Dans la continuité du travail engagé dans le champ de la petite enfance, il est donc nécessaire d'associer les parents à la vie de l'école afin de favoriser la réussite de leurs enfants. Il convient de pouvoir accompagner les parents, les familles les plus éloignées en facilitant les initiatives et en définissant des temps forts sur l'année. Le nouveau Centre Social Territoire Nord est construit par la fusion des anciens équipements de la CAF et de la Ville. Ce nouveau périmètre territorial bouscule le cadre social de chaque sous-quartier, et implique de construire une nouvelle appartenance sociale au territoire Nord. Nécessairement la question de l'appartenance sociale à un territoire se posera également dans la réalisation des diagnostics sociaux concertés sur les autres territoires de la Ville qui vont évoluer. Les équipes des centres sociaux devront impulser une dynamique de vivre ensemble et de renforcement du lien social, et réduire les freins à la cohésion sociale.

Dans le cadre du diagnostic social concerté, nous constatons que les habitants se considèrent parfois acteurs et parfois spectateurs de la transformation de leur territoire par l'urbanisation de la Ville et de leur habitat, sans comprendre systématiquement les enjeux de ces transformations urbaines ni la portée de ces changements à très long terme. Il est donc nécessaire de leur permettre de s'approprier ces changements pour en devenir acteurs, en tant qu'usager expert de leur territoire.]],
  public = "Jeunes enfants et parents, en ciblant particulièrement les parents les plus éloignés, et en secteurs REP+\nTous les publics et les partenaires du Centre Social, Habitants, bénévoles et professionnelles du territoire",
  -- pilots are given per action ("Action 5 : … Action 6 : …"): see actions 5 and 6
  followed_by = "Groupe de travail Parentalité du PEV + Comité de coordination CTG",
  partners = {
    "Les représentants des comités d'usagers",
    "Éducation Nationale",
    "DDSU - Centres Sociaux",
    "DE",
    "DPE",
    "CCAS",
    "Milles Formes",
    "partenaires associés aux actions",
  },
  human_means = "Professionnels Ville et CAF",
  financial_means = "Mobilisation du dispositif REAAP, PS Centre social, dispositifs Contrat de Ville...",
  expected_results = {
    "Augmentation de la fréquentation des lieux accueillant parents et enfants",
    "Développement des espaces ressources pour les parents",
    "Création de liens fédérateurs entre les habitants",
    "Sensibilisation des habitants-usagers dans le fonctionnement d'un centre social en leur reconnaissant une expertise d'usage",
    "Amélioration de l'image de chaque territoire",
  },
  note = "Fiche commune aux actions 5 et 6 : un seul diagnostic et un seul jeu d'indicateurs. L'action 5 code ses sous-actions D et E « 5-E » et « 5-D » (repris tels quels).",

  indicator "taux_mixite_sociale" {
    label = "Taux de mixité sociale des publics",
    kind = "ratio",
    scale = 100,
    unit = "%",
    direction = "higher",
    note = "« Taux » lu comme un pourcentage, mais le document ne donne ni numérateur ni dénominateur : formule inconnue",
  },
  indicator "projets_cohesion" {
    label = "Nombre de projets, d'actions, d'activités, mis en œuvre par type d'actions opérationnelles (A-G)",
    kind = "count",
    unit = "projets, actions, activités",
    by = {"step"},
    time = "sum",
    direction = "higher",
    note = "« (A-G) » tel qu'imprimé, alors que les actions 5 et 6 ont les sous-actions 5-A…5-E et 6-A…6-B (7 en tout)",
  },
  indicator "taux_frequentation_actions" {
    label = "Taux de fréquentation des actions par types de participants (nbre participants / nbre identifiés préalablement)",
    kind = "ratio",
    numerator = "nbre participants",
    denominator = "nbre identifiés préalablement",
    scale = 100,
    unit = "%",
    by = {"participant_type"},
    direction = "higher",
  },
  -- "Taux de partenaires impliqués dans l'action (actifs / pressentis) et mesure de leur
  -- satisfaction": a rate and a satisfaction measure, two indicators
  indicator "taux_partenaires_impliques" {
    label = "Taux de partenaires impliqués dans l'action (actifs / pressentis)",
    kind = "ratio",
    numerator = "partenaires actifs",
    denominator = "partenaires pressentis",
    scale = 100,
    unit = "%",
    direction = "higher",
    note = "puce du document : « Taux de partenaires impliqués dans l'action (actifs / pressentis) et mesure de leur satisfaction » ; la satisfaction est l'indicateur satisfaction_partenaires",
  },
  indicator "satisfaction_partenaires" {
    label = "Partenaires impliqués dans l'action : mesure de leur satisfaction",
    kind = "score",
    direction = "higher",
    note = "satisfaction des partenaires impliqués ; le document ne donne ni échelle ni seuil",
  },
  -- "Évaluation des associations gestionnaires de LAEP, et de l'évolution du nombre d'heures
  -- d'ouverture": a qualitative assessment, and a number followed year after year
  indicator "evaluation_laep" {
    label = "Évaluation des associations gestionnaires de LAEP",
    kind = "qualitative",
    note = "puce du document : « Évaluation des associations gestionnaires de LAEP, et de l'évolution du nombre d'heures d'ouverture » ; les heures d'ouverture sont l'indicateur heures_ouverture_laep",
  },
  indicator "heures_ouverture_laep" {
    label = "Évolution du nombre d'heures d'ouverture des LAEP",
    kind = "count",
    unit = "heures d'ouverture par semaine",
    time = "last",
    direction = "higher",
    note = "nombre d'heures d'ouverture des LAEP, suivi d'année en année ; le document ne donne pas de période de référence : l'évolution se lit sur la série (un indicateur de type evolution exigerait une référence qu'il ne donne pas)",
  },
  indicator "evaluation_cadre_de_vie" {
    label = "Évaluation partagée sur l'évolution du cadre de vie et l'occupation de l'espace public avec les partenaires et les habitants participants",
    kind = "qualitative",
  },
}

-- Axe 2 / Objectif 2-1 : ACTION 7 - Diagnostic initial
sheet {
  actions = {7},
  stakes  = {2, 3, 7, 8},
  diagnostic = [[
La Ville a un niveau d'équipement en petite enfance de 20 places pour 100 enfants de moins de 3 ans (dont 13,5/100 en crèches publiques), qui est un taux moyen par rapport aux Villes de même dimension. La mixité sociale globale est cependant en évolution avec des disparités d'un EAJE à un autre, avec une meilleure mixité sociale depuis le passage en PSU. Une attention particulière est portée également sur la mixité dans les EAJE associatifs et les LAEP. La répartition de l'offre municipale est non équilibrée par rapport au territoire, et n'est plus adéquate avec les transformations urbaines et l'évolution des demandes des parents.

Dans les écoles, il n'existe pas d'aménagements spécifiques liés à l'accueil des enfants de moins de 3 ans, alors qu'ils ont des besoins bien particuliers. Il s'agit ici créer les conditions d'une meilleure utilisation de l'espace pour les petits, de développer dans la mesure du possible des accueils spécifiques, de favoriser un temps de goûter dans le calme et un certain confort pour les enfants. A contrario, la notion du temps des vacances et de loisirs n'est pas marquée, car la grande majorité des accueils de loisirs extrascolaires se déroule dans des écoles. Pour atténuer cette antinomie, la ville développe depuis 5 ans, des accueils de loisirs innovants (École d'architecture, École d'art, musée...).]],
  public = "Jeunes enfants (0 à 6 ans) et leurs parents, TPS et les adultes les encadrant",
  pilots = {
    "Chef du service des écoles (DE)",
    "Responsable du Service Moyens Généraux et Finance & Responsable Service Information Orientation (Alternance en fonction des dossiers) (DPE)",
  },
  followed_by = "Groupe de travail 1 du PEV",
  -- printed "Associations gestionnaires d'EAJE et de LAEP IEN maternel, CEMEA": the
  -- separator between "LAEP" and "IEN maternel" was lost (line break); split in three.
  partners = {
    "Associations gestionnaires d'EAJE et de LAEP",
    "IEN maternel",
    "CEMEA",
  },
  human_means = "Professionnels Ville et CAF",
  financial_means = "PSU avec Bonus, soutien à l'investissement, fond d'investissement CAF 63",
  expected_results = {
    "Augmentation du nombre de places en petite enfance, et donc diminution du nombre de demandes de place en attente",
    "Amélioration de l'accueil des enfants et de leur famille",
    "Amélioration du comportement des enfants au quotidien",
  },

  indicator "places_100" {
    label = "Taux de places en établissements publics / 100 enfants",
    kind = "ratio",
    numerator = "places en établissements publics (EAJE)",
    denominator = "enfants de moins de 3 ans",
    scale = 100,
    unit = "places pour 100 enfants",
    direction = "higher",
    note = "taux de couverture au sens CNAF (places pour 100 enfants de moins de 3 ans). Diagnostic : « 20 places pour 100 enfants de moins de 3 ans (dont 13,5/100 en crèches publiques) » ; la valeur de départ de cet indicateur (établissements publics) serait donc 13,5, l'ensemble de l'offre étant à 20. Année de ces chiffres non précisée.",
  },
  indicator "evol_capacite_accueil" {
    label = "Taux d'évolution des capacités d'accueil (nombre total par an / nombre total en 2020)",
    kind = "evolution",
    base = "nombre total (capacités d'accueil) par an",
    baseline = 2020,
    direction = "higher",
    note = "rapport de la capacité totale de l'année à celle de 2020 ; ce que recouvre la capacité (EAJE seuls ou aussi ACM/TPS) n'est pas précisé",
  },
  indicator "amenagements_moins_6_ans" {
    label = "Nombre d'aménagements adaptés aux moins de 6 ans réalisés",
    kind = "count",
    unit = "aménagements",
    time = "sum",
    direction = "higher",
  },
  indicator "tps_accueillies" {
    label = "Nombre de TPS accueillies",
    kind = "count",
    unit = "TPS",
    time = "last",
    direction = "higher",
    note = "TPS = Toutes Petites Sections ; ambigu (classes de TPS ou enfants de TPS). Compté comme un stock à la rentrée (last).",
  },
  indicator "evolution_projets_structure" {
    label = "Évaluation de l'évolution des projets de structure",
    kind = "qualitative",
  },
}

-- Axe 2 / Objectif 2-1 : ACTION 8 - Diagnostic initial
sheet {
  actions = {8},
  stakes  = {4, 14, 16},
  diagnostic = [[
Dans le cadre du diagnostic social concerté, il est apparu essentiel que les jeunes devaient être accompagnés vers un parcours d'insertion professionnelle, ou conforter dans leur parcours, et notamment pour le public jeune féminin et jeune adolescent. Il est mis en évidence que l'implication de leur famille renforce leur réussite éducative. Les personnes peu diplômées sont très représentées au sein des QPV Clermontois. Dans le quartier Nord, on observe des différences significatives en termes d'orientation post classe de 3e, et la part des 16-24 ans non scolarisés est le double de celle du reste de la commune. Cette analyse d'inégalité de réussite scolaire a été faite également antérieurement par les équipes DDSU sur les différents territoires, et par les professionnels impliqués dans le dispositif Contrat de Ville et le dispositif de réussite éducative.

Pour renforcer cet accompagnement, la Ville a présenté sa candidature pour le programme des cités éducatives. Ce programme interministériel vise à intensifier les prises en charge des enfants et jeunes de 3 à 25 ans avant, pendant, autour et après l'École. Portée par la collectivité et en lien avec la Préfecture et la direction académique, la cité éducative doit élaborer puis faire vivre, dans le cadre d'une alliance éducative élargie, un projet porteur d'une ambition forte en direction des enfants et des jeunes.]],
  public = "Enfants à partir de 3 ans, adolescents, jeunes et leurs parents ; les adultes encadrant les différents publics",
  pilots = {
    "Chargé de mission Dispositif de réussite éducative (DE)",
    "référent Jeunesse (DDSU)",
  },
  followed_by = "Comité DRE",
  partners = {
    "Éducation Nationale",
    "CEMEA",
    "PARQ ADSEA",
    "École de la 2ème Chance",
    "Institut des Métiers",
    "Associations",
  },
  human_means = "Professionnelles Ville et CAF",   -- sic ("Professionnelles")
  financial_means = "PS Centre social, CLAS et aides complémentaires, dispositifs (DRE, REAAP, Contrat de ville...)",
  expected_results = {
    "Modernisation de l'offre éducative.",
    "Renforcement du partenariat",
    "Augmentation des situations de réussite de jeunes",
    "Réappropriation par les parents de l'accompagnement de leur enfant",
  },
  note = "Tableau du calendrier très déformé dans la conversion (seules les colonnes 2021 et 2022 sont lisibles). « 3<sup>e</sup> » du diagnostic rendu « 3e ».",

  indicator "actions_reussite_educative" {
    label = "Nombre d'actions réalisées",
    kind = "count",
    unit = "actions",
    time = "sum",
    direction = "higher",
  },
  indicator "participants_reussite_educative" {
    label = "Nombre de participants (public cible) par action",
    kind = "count",
    unit = "participants",
    by = {"action"},
    time = "sum",
    direction = "higher",
    note = "la fiche ne couvre que l'action 8 : « par action » désigne sans doute chaque action menée (niveau plus fin que les actions du plan)",
  },
  indicator "implication_parents" {
    label = "Évolution du niveau d'implication des parents dans les actions, et au sein des établissements scolaires",
    kind = "qualitative",
    note = "« Évolution » sans mesure ni période de référence données : qualitatif",
  },
  indicator "progression_scolaire" {
    label = "Progression scolaire des publics",
    kind = "qualitative",
    note = "aucune mesure précisée",
  },
}

-- Axe 2 / Objectif 2-2 : ACTION 9 - Diagnostic initial
sheet {
  actions = {9},
  stakes  = {8, 10, 17},
  diagnostic = [[
Chaque enfant doit pouvoir trouver sa place, quel que soit son handicap, dès sa naissance. Dans la continuité de l'école inclusive, les accueils de loisirs doivent permettre un accueil de qualité aux enfants en situation de handicap. Les enfants issus des populations migrantes et donc souvent allophones, de part leur domiciliation qui dépend leur statut (réfugié, demandeur d'asile, etc.), se trouvent principalement scolarisés à l'école V. DURUY (les hébergements temporaires se trouvent dans le secteur de l'école) ce qui entraîne une concentration de difficultés néfastes à des conditions d'accueil, sociales et pédagogiques correctes. De plus, l'école est de plus en plus stigmatisée avec une volonté d'évitement de certaines familles du secteur scolaire. Les équipes éducatives et d'animation rencontrent de plus en plus de difficultés à accompagner ces élèves dans leurs apprentissages.]],
  public = "Enfants et jeunes porteurs de handicap et/ou migrants, parents, professionnels.",
  -- "(DPE )" printed with a stray space, normalised to "(DPE)"
  pilots = {
    "Directrice EAJE Montferrand (DPE)",
    "Coordonnateur Projet Éducatif Ville et École Inclusive (DE)",
  },
  followed_by = "Comité de coordination CTG",
  partners = {
    "IEN",
    "Directeur.trice.s d'écoles",
    "acteurs sociaux institutionnels ou associatifs (ex : ANEF, Collectif Pauvreté Précarité, etc.)",
    "Mission périmètres et population scolaires",
    "chargés de mission Politiques éducatives transversales",
    "Service des Loisirs (Responsable + GP + RAL concernés)",
    "Service des Écoles (Responsable)",
    "Cellule de suivi des effectifs",
    "MDPH",
    "CAF",
    "DALHIR",
  },
  human_means = "Professionnels Ville et CAF",
  financial_means = "Ville, CAF, État",
  expected_results = {
    "Développement de parcours de suivi des enfants à besoin particulier.",
    "Une meilleure répartition des enfants issus des populations migrantes et/ou allophones sur le territoire.",
    "Amélioration de la mixité sociale dans les écoles.",
  },
  note = "Le diagnostic est coupé par un saut de page au milieu d'une phrase (« entraîne une / concentration ») ; recollé ici.",

  indicator "taux_structures_inclusives" {
    label = "Taux des EAJE/SAF/ALSH accueillant des enfants en situation de handicap/Migrant",
    kind = "ratio",
    numerator = "EAJE/SAF/ALSH accueillant des enfants en situation de handicap/Migrant",
    denominator = "EAJE/SAF/ALSH",
    scale = 100,
    unit = "%",
    direction = "higher",
    note = "dénominateur (ensemble des EAJE/SAF/ALSH) déduit du libellé, non écrit dans le document",
  },
  indicator "enfants_handicap_accueillis" {
    label = "Nombre d'enfants en situation de handicaps accueillis",
    kind = "count",
    unit = "enfants",
    time = "sum",
    direction = "higher",
    note = "compté comme un flux d'enfants accueillis sur l'année (sum), à la manière de participants",
  },
  indicator "enfants_migrants_scolarises" {
    label = "Nombre d'enfants scolarisés issus des populations migrantes et/ou allophones",
    kind = "count",
    unit = "enfants",
    time = "last",
    note = "stock d'élèves scolarisés (last). Pas de direction : l'objectif est une meilleure répartition sur le territoire, pas un nombre plus grand ou plus petit.",
  },
}

-- Axe 2 / Objectif 2-2 : ACTION 10 - Diagnostic initial
sheet {
  actions = {10},
  stakes  = {6, 8},
  diagnostic = [[
Intégrer une alimentation durable et raisonnée dans la fabrication des repas. Sensibiliser les enfants au goût, en incluant une pédagogie lors de la prise des repas.

Même si des efforts sont réalisés, on constate qu'il y a encore du gaspillage alimentaire sur les restaurants scolaires.]],
  public = "Enfants et jeunes de 0 à 17 ans fréquentant un établissement de la Ville avec une prestation repas, les professionnels encadrant les enfants pendant le temps du repas et les personnels de productions",
  pilots = {"Diététicienne (DE)"},
  followed_by = "Groupe de travail Enfance",
  partners = {
    "DPE",
    "Directeur.trice.s d'écoles",
    "DE (Service des Loisirs, Service des Écoles, Cellule de suivi des effectifs)",
    "MDPH",
    "CAF",
    "DALHIR",
  },
  human_means = "Professionnels Ville et CAF",
  financial_means = "Ville, CAF",
  expected_results = {
    "Amélioration des repas",
    "Production de repas respectueux de l'environnement",
    "Éducation de l'enfant au goût, aux produits de saison.",
    "Réduction des déchets.",
  },

  indicator "champ_intervention" {
    label = "Évolution du champ d'intervention",
    kind = "qualitative",
    note = "il s'agit du champ d'intervention du groupe de travail intermétiers (10-B) ; aucune mesure précisée",
  },
  indicator "qualite_repas" {
    label = "Évaluation qualitative des repas",
    kind = "qualitative",
  },
  indicator "approvisionnements" {
    label = "Suivi des approvisionnements raisonné et qualitatif.",
    kind = "qualitative",
    note = "« suivi » sans grandeur précisée (pourrait devenir une part d'approvisionnements durables)",
  },
  indicator "gaspillage_alimentaire" {
    label = "Suivi journalier du gaspillage alimentaire.",
    kind = "count",
    time = "sum",
    direction = "lower",
    note = "quantité gaspillée relevée chaque jour et cumulée ; unité (kg, portions…) non précisée par le document",
  },
}

-- Axe 3 / Objectif 3-1 : ACTION 11 - Diagnostic initial
sheet {
  actions = {11},
  stakes  = {9, 18},
  diagnostic = [[
Au travers de la concertation des parents lors de la construction du PEV Petite Enfance, les parents ont exprimé leur insatisfaction par rapport au regard que les professionnels portent sur eux. Ils ont clairement exprimé leur volonté d'être considéré en tant qu'éducateur premier de leur enfant, et non comme des parents apprenants. Selon les situations éducatives, nous constatons effectivement qu'ils peuvent être considérés comme des parents légitimes ou des parents défaillants. Mais leur demande porte bien sur un besoin d'accompagnement dans leur fonction de parent, sans jugement. Dans cette notion d'accompagnement de la parentalité, il est crucial de faire évoluer collectivement nos représentations pour permettre aux parents de vivre une « parentalité effective ». Un des 4 axes majeurs du PEV 2 est de renforcer le lien auprès des parents et en particulier avec ceux les plus éloignés de l'école. L'accès à l'information constitue un enjeu important. Dans cette perspective le repérage des ressources disponibles aux parents, et l'amélioration de leur visibilité, doit permettre de faciliter leurs démarches. En prolongement, le projet des Centres Sociaux conduit un travail sur le sens de l'engagement des parents et de leurs enfants, et leur implication dans leur réussite éducative. Pour concrétiser cette réflexion, des actions collectives de prévention autour des enjeux de la parentalité seront proposées dans chaque territoire. Dans cette perspective, les infirmières scolaires municipales effectuent des bilans de santé pour les enfants de PS/MS-CP et CE2 dans les écoles et peuvent dépister des enfants en surpoids/obésité. Parler de surpoids/obésité n'est pas facile et les parents sont souvent démunis et demandeurs de conseils. Le diagnostic des besoins en matière de santé, réalisé auprès des directeurs d'écoles et de centre de loisirs sur le dernier trimestre de 2019 par les infirmières du service Santé et Prévention Infantile, mission promotion de la santé et portage de projets, met en évidence de nombreux besoins d'accompagnement et de soutien des parents.]],
  public = "Enfants, jeunes, parents, accompagnants",
  pilots = {
    "Educatrice de Jeunes Enfants / Accueillante LAEP La Gauthière (DPE)",
    "Directeur adjoint de l'Enfance - politiques éducatives transversales (DE)",
  },
  followed_by = "Groupe de travail 2 – Parentalité PEV",
  partners = {
    "Collectifs DRE (Dispositif Réussite Éducative)",
    "Éducation Nationale",
    "Associations et acteurs impliqués dans cette thématique",
    "Conseil Départemental / PMI",
  },
  human_means = "Professionnels Ville et CAF",
  financial_means = "Centre social, Ville, Contrat de Ville, REAAP, CLAS, FPH",
  expected_results = {
    "Enrichissement des relations familles/professionnels, et intrafamilial",
    "Amélioration de l'information et de l'orientation des familles",
    "Augmentation de la mise en place d'activités spécifiques favorisant les temps d'échange parents/enfants et entre les familles",
    "Meilleure prise en compte des parents",
  },

  indicator "taux_efficience" {
    label = "Taux d'efficience : nombre d'actions-outils-formations-rencontres évaluées ayant produit des résultats pertinents / nombre mis en oeuvre",
    kind = "ratio",
    numerator = "nombre d'actions-outils-formations-rencontres évaluées ayant produit des résultats pertinents",
    denominator = "nombre mis en oeuvre",
    scale = 100,
    unit = "%",
    direction = "higher",
  },
  indicator "participants_parentalite" {
    label = "Nombre de participants impliqués : parents, enfants, partenaire",
    kind = "count",
    unit = "participants",
    by = {"participant_type"},
    time = "sum",
    direction = "higher",
    note = "l'énumération « parents, enfants, partenaire » est lue comme une ventilation par type de participants",
  },
  indicator "taux_operationnalite" {
    label = "Taux d'opérationnalité d'actions parentale en milieu scolaire / nombre d'actions prévues",
    kind = "ratio",
    numerator = "actions parentale en milieu scolaire opérationnelles (mises en œuvre)",
    denominator = "nombre d'actions prévues",
    scale = 100,
    unit = "%",
    direction = "higher",
    note = "numérateur reformulé d'après « Taux d'opérationnalité d'actions parentale en milieu scolaire » : le document n'écrit que le dénominateur",
  },
}

-- Axe 3 / Objectif 3-2 : ACTION 12 - Diagnostic initial
sheet {
  actions = {12},
  stakes  = {15, 16},
  diagnostic = [[
Le PEVPE nous enseigne que les parents veulent principalement des activités qui contribuent au développement de l'enfant. Les activités culturelles et en lien avec la nature sont privilégiées par deux tiers des parents. Les parents pensent qu'il faudrait augmenter l'offre concernant l'art et la culture, et même créer une nouvelle offre. Ils veulent que leurs enfants assistent à des spectacles jeunes publics, mais pas nécessairement régulièrement. Les parents souhaiteraient pouvoir participer à des événements culturels et festifs dans la Ville. Dans le champ de la petite enfance, la vision du jeune enfant a été transformée grâce au travail de la Ville de Clermont-Ferrand, en partenariat avec le Centre Pompidou, pour la construction du centre d'initiation à l'art « Mille formes ». Aujourd'hui, les acteurs culturels et artistiques sont conscients que leurs activités doivent s'étendre à ce nouveau public, et que leurs parents sont très demandeurs. La sensibilisation dès la prime enfance est peut-être le Graal de la quête de l'accès à la culture et à l'art pour tous. Concernant la gestion du rythme de vie de leurs enfants au sein des lieux d'accueil, les parents considèrent majoritairement que les équipes d'encadrants doivent accompagner l'enfant pour qu'il puisse s'adapter au rythme du groupe dans les moments de vie quotidienne et les temps d'activités, tout en respectant le rythme de chaque enfant. La complexité des acteurs est de devoir à la fois gérer des collectifs d'enfants, et à la fois prendre en compte la singularité de chaque enfant. Le collectif et l'individuel ne sont pas antinomiques. Ils sont deux composantes complémentaires dans le processus de développement des enfants. Au sein des quartiers Politique de la Ville, les équipes des centres sociaux seront garantes d'impulser et de dynamiser une politique jeunesse sur le territoire, en promotionnant la culture et les loisirs pour le public jeune en lien avec l'éducation populaire]],
  public = "Tout public",
  pilots = {
    "Directrice Service d'Accueil Familial (DPE)",
    "référent Jeunesse (DDSU)",
  },
  followed_by = "Comité de coordination CTG",
  -- "professionnels de la jeunesse, de l'insertion et du social" kept as one partner
  -- (its inner commas are not list separators).
  partners = {
    "CAF",
    "Associations",
    "professionnels de la jeunesse, de l'insertion et du social",
    "Éducation Nationale",
    "PARQ ADSEA",
    "Services de l'État",
    "Directions de la Culture (Ville et Métropole)",
    "Équipes pluridisciplinaires DRE",
    "Direction de l'Enfance (Ville)",
  },
  human_means = "Professionnels Ville et CAF",
  financial_means = "Centre social, Ville, Métropole, Appels à projets, Contrat de Ville, FPH, DRE, CAF... Atelier Santé Ville, ARS, ...",
  expected_results = {
    "Un renforcement de l'accessibilité des loisirs et de la culture pour l'ensemble des publics",
    "Une meilleure prise en compte des particularités des publics dans les actions",
    "Le développement des initiatives portées par les jeunes",
    "L'implication des parents dans la démarche de construction de l'offre de loisirs de leurs enfants",
    "Une consolidation du travail inter-secteurs Enfance Famille Jeunesse",
  },
  note = "Calendrier déformé : les codes 12-A…12-E ne sont pas imprimés (les années 2023-2025 sont tombées dans leur colonne). Le diagnostic est coupé par un saut de page (recollé) et se termine sans point final.",

  indicator "actions_evenements_culture" {
    label = "Nombre d'actions et d'événements organisés par type d'actions opérationnelles (A à E)",
    kind = "count",
    unit = "actions et événements",
    by = {"step"},
    time = "sum",
    direction = "higher",
  },
  indicator "participants_culture" {
    label = "Nombre de participants par action",
    kind = "count",
    unit = "participants",
    by = {"action"},
    time = "sum",
    direction = "higher",
    note = "la fiche ne couvre que l'action 12 : « par action » désigne sans doute chaque action/événement mené",
  },
  indicator "projets_jeunes_culture" {
    label = "Nombre de projets initiés par des jeunes et menés à terme",
    kind = "count",
    unit = "projets",
    time = "sum",
    direction = "higher",
  },
  indicator "satisfaction_culture" {
    label = "Évaluation de la satisfaction des publics",
    kind = "score",
    direction = "higher",
    note = "évaluation de satisfaction lue comme une enquête : score ; échelle non précisée",
  },
}

-- Axe 3 / Objectif 3-2 : ACTION 13 - Diagnostic initial
sheet {
  actions = {13},
  stakes  = {6, 12},
  diagnostic = [[
Applicant un principe de précaution, la Ville de Clermont-Ferrand est vigilante sur l'évolution des normes, et reste en veille sur les résultats de la recherche sur les produits qui pourraient s'avérer à long terme présenter des risques potentiels pour la santé (perturbateur endocrinien, allergène, plastique d'emballage ...). Ce principe est appliqué également sur l'environnement des habitants, à la fois à l'intérieur de nos lieux d'accueil et à la fois à l'extérieur dans la ville.

Suite à l'évaluation des déterminants de la santé des enfants dans les écoles publiques clermontoises, plus de 90 % des professionnels considèrent que la santé, le bien être et la réussite des enfants sont impactés par une forte exposition aux écrans. L'évaluation des déterminants de santé des enfants des écoles publiques de Clermont a pu mettre en évidence des problématiques autour de l'anxiété et du sentiment d'insécurité chez les enfants. Cette évaluation a mis en évidence la nécessité de réactualiser le programme "Ciboulette", créé par les infirmières scolaires municipales autour de l'alimentation : une alimentation saine et équilibrée participe à la santé, au bien-être des enfants et à leur réussite scolaire. Le PNNS4 lance de nouveaux objectifs qui seront pris en compte dans la réactualisation : développement durable et impact environnemental de l'alimentation. Dans cette continuité, la DDSU prévoit de sensibiliser les jeunes et les familles sur les enjeux de santé (individuel et collectif).]],
  public = "Jeunes enfants, enfants, adolescents, jeunes et leurs parents ; IDE et RAL",
  pilots = {"Responsable de la santé et de la prévention infantile"},
  followed_by = "Comité de coordination CTG",
  partners = {
    "CAF",
    "associations",
    "professionnels de la jeunesse, de l'insertion et du social",
    "Éducation Nationale",
    "PARQ ADSEA",
    "Services de l'État",
    "Directions de la Culture (Ville et Métropole)",
    "Équipes pluridisciplinaires DRE",
    "Ville : Directions de l'Enfance, de la Petite Enfance, du développement Social et Urbain",
  },
  human_means = "Professionnels Ville et CAF",
  financial_means = "Centre social, Ville, Métropole, Appels à projets, Contrat de Ville, FPH, DRE, Atelier Santé Ville, ARS, ...",
  expected_results = {
    "Meilleure coordination et transversalité entre les directions de la Ville",
    "Renforcement des compétences psychosociales des adultes et des enfants (confiance en soi, concentration, attention...)",
    "Amélioration du climat périscolaire et scolaire (apaisement des tensions au sein des écoles)",
    "Sensibilisation de publics à une alimentation saine et durable",
  },
  note = "Indicateurs identiques à ceux de la fiche 12 (sauf « (A à C) ») : copie probable, y compris « projets initiés par des jeunes » pour une action de santé publique. Transcrits tels quels.",

  indicator "actions_evenements_sante" {
    label = "Nombre d'actions et d'événements organisés par type d'actions opérationnelles (A à C)",
    kind = "count",
    unit = "actions et événements",
    by = {"step"},
    time = "sum",
    direction = "higher",
  },
  indicator "participants_sante" {
    label = "Nombre de participants par action",
    kind = "count",
    unit = "participants",
    by = {"action"},
    time = "sum",
    direction = "higher",
    note = "la fiche ne couvre que l'action 13 : « par action » désigne sans doute chaque action/événement mené",
  },
  indicator "projets_jeunes_sante" {
    label = "Nombre de projets initiés par des jeunes et menés à terme",
    kind = "count",
    unit = "projets",
    time = "sum",
    direction = "higher",
  },
  indicator "satisfaction_sante" {
    label = "Évaluation de la satisfaction des publics",
    kind = "score",
    direction = "higher",
    note = "évaluation de satisfaction lue comme une enquête : score ; échelle non précisée",
  },
}

-- Axe 3 / Objectif 3-3 : ACTION 14 et 15 - Diagnostic initial
sheet {
  actions = {14, 15},
  stakes  = {1, 2, 4, 10, 21},
  diagnostic = [[
La municipalité de Clermont-Ferrand a à cœur de mettre en œuvre son projet politique en direction des habitants en associant les partenaires associatifs et institutionnels, pour permettre une plus grande diversité d'offre de services, au plus proche des publics concernés. Aussi, dans le cadre de la CTG, cette volonté trouve toute sa place au travers d'un objectif opérationnel consacré spécifiquement au partenariat.

En lien direct avec notre souhait d'agir de manière interdisciplinaire, la loi Blanquer sur l'école de la confiance instaure le développement des formations communes enseignants /ATSEM, étendu aux autres acteurs en lien avec les projets scolaires et extrascolaires mis en place par les équipes éducatives. Les constats de terrain montrent la nécessité de forger une posture professionnelle commune, faite de connaissances et de références partagées. Cette recherche de continuité éducative est remise en cause à chaque changement de direction d'école, car il n'existe pas de document synthétique regroupant les procédures. Ce sont donc deux domaines d'actions qu'il nous faut développer pour renforcer le partenariat avec l'Éducation Nationale.

De manière concomitante, la DDSU développe une stratégie partagée sur le territoire avec les acteurs locaux, les autres services municipaux et les partenaires du territoire. Les Centres sociaux seront les garants d'actions partenariales pour oeuvrer ensemble à partir de constats communs, affirmant ainsi le centre social dans ses fonctions ressources.]],
  public = "L'ensemble des acteurs (Ville, associations, partenaires) impliqués dans les actions en lien avec la petite enfance, l'enfance, l'adolescence, la famille, la scolarité (prioritairement les directeurs d'école et les agents nouvellement recrutés sur l'administratif du service des écoles, ATSEM) ; les associations concernées par la CTG.",
  -- pilots given once for both actions here (not per action)
  pilots = {
    "Responsable Service Développement des projets et partenariats (DPE)",
    "Directeur adjoint de l'Enfance - politiques éducatives transversales (DE)",
  },
  followed_by = "Comité de coordination CTG",
  partners = {
    "Le collectif Mercoeur (Conseil Départemental, Médiathèque, Crèche des Vergnes, Ludothèque, Relais Assistantes Maternelles...)",
    "Les services internes de la Ville (Direction de l'Enfance, Direction Petite Enfance, service Communication)",
    "Les services métropolitains (DUN...)",
    "Autres à définir après identification (Associations, acteurs locaux...)",
  },
  human_means = "Professionnels Ville et CAF",
  financial_means = "Centre social, Ville, CAF",
  expected_results = {
    "Renforcement du partenariat",
    "Meilleure cohérence des services et des dispositifs",
    "Harmonisation des pratiques interdisciplinaires",
    "Consolidation des associations",
  },
  note = "Fiche commune aux actions 14 et 15 : un seul diagnostic et un seul jeu d'indicateurs.",

  indicator "actions_partenariats" {
    label = "Nombre d'actions organisées par type d'actions opérationnelles",
    kind = "count",
    unit = "actions",
    by = {"step"},
    time = "sum",
    direction = "higher",
    note = "aucune plage de lettres imprimée ; les sous-actions sont 14-A…14-E et 15-A…15-C",
  },
  indicator "participants_partenariats" {
    label = "Nombre de participants par action",
    kind = "count",
    unit = "participants",
    by = {"action"},
    time = "sum",
    direction = "higher",
  },
  indicator "implication_partenaires" {
    label = "Mesure de l'implication des partenaires",
    kind = "qualitative",
    note = "« Mesure » sans grandeur précisée : qualitatif (pourrait devenir un taux actifs / pressentis comme en fiche 5+6)",
  },
  indicator "stabilite_associations" {
    label = "Évaluation de la stabilité des associations",
    kind = "qualitative",
  },
}

---------------------------------------------------------------------------------------
-- Règles d'exemple, NON ISSUES DU DOCUMENT.
-- Illustrations of the rule vocabulary for analysts; the plan itself sets no targets.
---------------------------------------------------------------------------------------
rule "places en hausse" { indicator = "places_100", expect = "increase", severity = "warning" }
rule "capacité d'accueil en hausse" { indicator = "evol_capacite_accueil", expect = "increase", severity = "warning" }
rule "gaspillage en baisse" { indicator = "gaspillage_alimentaire", expect = "decrease", severity = "warning" }
