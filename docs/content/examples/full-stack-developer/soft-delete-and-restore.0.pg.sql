CREATE TABLE projects (
  id     bigint PRIMARY KEY,
  org_id bigint NOT NULL,
  name   text   NOT NULL,
  UNIQUE (org_id, name)            -- named projects_org_id_name_key by PostgreSQL
);
CREATE TABLE tasks (
  id         bigint PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE
);
INSERT INTO projects VALUES (12, 1, 'Website'), (13, 1, 'Old intranet'), (20, 2, 'Website');
INSERT INTO tasks VALUES (1, 12), (2, 13), (3, 13);

{{EXAMPLE}}

DO $$
BEGIN
  -- the example deleted and restored project 12
  IF NOT EXISTS (SELECT 1 FROM live_projects WHERE id = 12) THEN
    RAISE EXCEPTION 'project 12 should be live after the restore';
  END IF;
  -- trashed projects disappear from the live view
  UPDATE projects SET deleted_at = now(), deleted_by = 7 WHERE id = 12;
  IF EXISTS (SELECT 1 FROM live_projects WHERE id = 12) THEN
    RAISE EXCEPTION 'a trashed project is visible';
  END IF;
  -- a new live project may take the trashed project's name (any case)
  INSERT INTO projects (id, org_id, name) VALUES (14, 1, 'website');
  -- restoring now conflicts: the API answers 409
  BEGIN
    UPDATE projects SET deleted_at = NULL, deleted_by = NULL
    WHERE id = 12 AND deleted_at > now() - interval '30 days';
    RAISE EXCEPTION 'restore should have hit the live name';
  EXCEPTION WHEN unique_violation THEN NULL;
  END;
  -- two live projects in one organisation still cannot share a name
  BEGIN
    INSERT INTO projects (id, org_id, name) VALUES (15, 1, 'WEBSITE');
    RAISE EXCEPTION 'duplicate live name accepted';
  EXCEPTION WHEN unique_violation THEN NULL;
  END;
END $$;

-- the purge removes only projects trashed more than 30 days ago, with their tasks
UPDATE projects SET deleted_at = now() - interval '40 days' WHERE id = 13;
DO $$
BEGIN
  IF purge_trash() <> 1 THEN RAISE EXCEPTION 'expected exactly one purged project'; END IF;
  IF EXISTS (SELECT 1 FROM projects WHERE id = 13) OR EXISTS (SELECT 1 FROM tasks WHERE project_id = 13) THEN
    RAISE EXCEPTION 'project 13 or its tasks survived the purge';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM projects WHERE id = 12) THEN
    RAISE EXCEPTION 'a project trashed today was purged';
  END IF;
END $$;
