# Harness: the pack's worker loop against a fake database that records the statements, so the
# control flow the answer describes is checked: complete on success, fail_job on an error,
# a warning when the lease was lost, an alert when the reaper buries jobs.
from types import SimpleNamespace

class FakeDB:
    def __init__(self, job, complete=True, fail_state="pending", buried=0):
        self.job, self.complete, self.fail_state, self.buried = job, complete, fail_state, buried
        self.calls = []
    def one(self, sql, *args):
        self.calls.append(sql.split("(")[0].split()[-1] if "claim_job" in sql else sql)
        job, self.job = self.job, None
        return job
    def scalar(self, sql, *args):
        name = sql.split("SELECT ")[1].split("(")[0]
        self.calls.append(name)
        return {"complete_job": self.complete, "fail_job": self.fail_state,
                "bury_expired_jobs": self.buried}[name]

class Log:
    def __init__(self): self.lines = []
    def warning(self, msg, *args): self.lines.append(msg % args)

alerts, emails = [], []
def alert(text): alerts.append(text)
def send_invoice_email(payload, idempotency_key):
    if payload.get("bounce"):
        raise RuntimeError("smtp 550")
    emails.append(idempotency_key)

{{EXAMPLE}}

job = SimpleNamespace(id=7, payload={"invoice": 7}, attempts=1)

db, log = FakeDB(job), Log()
assert work_one("w1") is True
assert db.calls == ["claim_job", "complete_job"] and emails == ["invoice-email-7"]
assert log.lines == []

db, log = FakeDB(None), Log()
assert work_one("w1") is False

db, log = FakeDB(job, complete=False), Log()
work_one("w1")
assert any("lease lost for job 7" in l for l in log.lines)

bad = SimpleNamespace(id=8, payload={"bounce": True}, attempts=5)
db, log = FakeDB(bad, fail_state="failed"), Log()
assert work_one("w1") is True
assert db.calls == ["claim_job", "fail_job"]
assert "failed" in log.lines[0] and "attempt 5" in log.lines[0]

db, alerts[:] = FakeDB(None, buried=2), []
reaper_tick()
assert alerts and "2 job(s)" in alerts[0]
db, alerts[:] = FakeDB(None, buried=0), []
reaper_tick()
assert alerts == []
print("worker loop: all checks passed")
