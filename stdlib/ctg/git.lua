-- ctg.git — the git commit a project's outputs come from, without running anything the
-- project configures. A cloned project's .git/config could run a command through git itself
-- (core.fsmonitor, a filter driver's clean command, an include of another file…), so:
--   * the commit is read from .git directly (HEAD, the loose ref, packed-refs): no process;
--   * whether the work tree has changes needs `git status`, run only when the repository's
--     own configuration holds nothing but plain settings (an allow-list), with the system
--     and global configuration ignored, fsmonitor and hooks off, no pager, editor, prompt
--     or ssh; otherwise the commit is given as not checked, never as clean.
local sys = require("ctg.sys")

local git = {}

local read = require("ctg.files").read_file

--- The .git folder of dir (a folder, not a "gitdir:" file: a worktree or submodule points
--- elsewhere, which is not read), or nil.
function git.dir(dir)
  local d = (dir or ".") .. "/.git"
  if sys.lkind(d) == "directory" then return d end
  return nil
end

--- The commit HEAD names in gitdir (40 or 64 hex digits), read from its files, or nil.
function git.head(gitdir)
  local head = read(gitdir .. "/HEAD")
  if not head then return nil end
  local hash = head:match("^(%x+)%s*$")
  if hash then return hash end
  local ref = head:match("^ref: (refs/[%w%-%._/]+)%s*$")
  if not ref or ref:find("%.%.") then return nil end
  local loose = read(gitdir .. "/" .. ref)
  if loose then return loose:match("^(%x+)%s*$") end
  for line in (read(gitdir .. "/packed-refs") or ""):gmatch("[^\n]+") do
    local h, name = line:match("^(%x+) (%S+)$")
    if name == ref then return h end
  end
  return nil
end

-- Sections and keys a repository's config may hold for git status to run on it: nothing in
-- them names a program.
local PLAIN = {
  core = { repositoryformatversion = true, filemode = true, bare = true, logallrefupdates = true,
           ignorecase = true, precomposeunicode = true, symlinks = true, autocrlf = true, eol = true,
           safecrlf = true },
  remote = { url = true, fetch = true, pushurl = true },
  branch = { remote = true, merge = true, rebase = true },
  user = { name = true, email = true },
  init = { defaultbranch = true },
  extensions = { worktreeconfig = false },
}

--- Does gitdir's config hold only plain settings (PLAIN)? Returns true, or false and the
--- first setting that is not.
function git.config_is_plain(gitdir)
  local text = read(gitdir .. "/config")
  if not text then return true end
  local section
  for line in text:gmatch("[^\n]+") do
    line = line:gsub("^%s+", ""):gsub("%s+$", "")
    if line ~= "" and not line:match("^[#;]") then
      local name = line:match("^%[%s*([%w%.%-]+)")
      if name then
        section = name:lower()
        if not PLAIN[section] then return false, section end
      else
        local key = line:match("^([%w%-]+)")
        if not key or not section or not PLAIN[section][key:lower()] then
          return false, (section or "?") .. "." .. tostring(key)
        end
      end
    end
  end
  return true
end

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- git with the project's configuration neutralised as far as git allows: no system or global
-- configuration, no fsmonitor, no hooks, no pager, editor, prompt or ssh, no lock taken.
local ENV = "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_TERMINAL_PROMPT=0 GIT_OPTIONAL_LOCKS=0 " ..
  "GIT_PAGER=cat PAGER=cat GIT_EDITOR=true GIT_SSH_COMMAND=false GIT_ASKPASS=true SSH_ASKPASS=true " ..
  "GIT_EXTERNAL_DIFF= GIT_ATTR_NOSYSTEM=1 "
local OPTIONS = "-c core.fsmonitor=false -c core.hooksPath=/dev/null -c core.untrackedCache=false " ..
  "-c core.attributesFile=/dev/null -c safe.directory=* "

--- The command line of `git ARGS` in dir, neutralised (for tests and for ctg.git.dirty).
function git.command(dir, args)
  return ENV .. "git " .. OPTIONS .. "-C " .. quote(dir) .. " " .. args .. " 2>/dev/null"
end

--- Does the work tree of dir have changes (tracked or untracked files .gitignore does not
--- exclude)? true, false, or nil when git cannot tell.
function git.dirty(dir)
  local f = io.popen(git.command(dir, "status --porcelain"))
  if not f then return nil end
  local out = f:read("a")
  if not f:close() then return nil end
  return out:find("%S") ~= nil
end

--- The text of path at commit in the repository of dir (a blob as stored: no filter, no
--- text conversion), or nil when git cannot give it or the repository's configuration is
--- not plain (nothing the project configures runs).
function git.show(dir, commit, path)
  if not commit:match("^%x+$") then return nil end
  local gitdir = git.dir(dir)
  if not gitdir or not git.config_is_plain(gitdir) then return nil end
  local f = io.popen(git.command(dir, "cat-file blob " .. quote(commit .. ":" .. path)))
  if not f then return nil end
  local out = f:read("a")
  if not f:close() then return nil end
  return out
end

return git
