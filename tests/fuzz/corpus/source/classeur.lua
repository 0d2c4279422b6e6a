source "tableau-classeur" {
  title = "Tableau de bord (classeur)",
  files = "tableau-*.xlsx",
  sheet = "Suivi",
  header = { 2, 3 },
  territory = { column = "Commune", by = "title" },
  columns = { pattern = "^(.+) (%d%d%d%d)$", name = 1, period = 2 },
  values = { ["Places"] = { indicator = "places" }, ["Taux de couverture"] = { indicator = "taux_couverture" } },
  numbers = { percent = "fraction" },
  missing = { "s" },
  skip = function(row) return row.Commune:find("^Total") ~= nil end,
}
