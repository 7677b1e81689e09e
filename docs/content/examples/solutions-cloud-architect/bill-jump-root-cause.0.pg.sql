-- Harness: a simplified cost and usage export for two months.
CREATE TABLE cost_lines (
  usage_month date NOT NULL,
  account     text NOT NULL,
  service     text NOT NULL,
  usage_type  text NOT NULL,
  team_tag    text,
  cost_usd    numeric NOT NULL
);
INSERT INTO cost_lines VALUES
  -- May: 120,000 USD
  ('2025-05-01', 'shop-prod',     'Amazon EC2',        'BoxUsage',               'shop',          60000),
  ('2025-05-01', 'shop-prod',     'Amazon RDS',        'InstanceUsage',          'shop',          25000),
  ('2025-05-01', 'data-platform', 'Amazon EC2',        'NatGateway-Bytes',       'data',           8000),
  ('2025-05-01', 'shop-prod',     'Amazon CloudWatch', 'DataProcessing-Bytes',   'shop',          12000),
  ('2025-05-01', 'shop-prod',     'AWS Data Transfer', 'DataTransfer-Regional',  'shop',           5000),
  ('2025-05-01', 'data-platform', 'Amazon S3',         'TimedStorage-ByteHrs',   'data',          10000),
  -- June: 185,000 USD
  ('2025-06-01', 'shop-prod',     'Amazon EC2',        'BoxUsage',               'shop',          60000),
  ('2025-06-01', 'loadtest',      'Amazon EC2',        'BoxUsage',               NULL,            15000),
  ('2025-06-01', 'shop-prod',     'Amazon RDS',        'InstanceUsage',          'shop',          30000),
  ('2025-06-01', 'data-platform', 'Amazon EC2',        'NatGateway-Bytes',       'data',          30000),
  ('2025-06-01', 'shop-prod',     'Amazon CloudWatch', 'DataProcessing-Bytes',   'shop',          26000),
  ('2025-06-01', 'shop-prod',     'AWS Data Transfer', 'DataTransfer-Regional',  'shop',          14000),
  ('2025-06-01', 'data-platform', 'Amazon S3',         'TimedStorage-ByteHrs',   'data',          10000);

{{EXAMPLE}}

DO $$
DECLARE total numeric; top record; n int;
BEGIN
  SELECT sum(delta) INTO total FROM cost_increase;
  IF total <> 65000 THEN RAISE EXCEPTION 'increase should be 65000, got %', total; END IF;
  SELECT * INTO top FROM cost_increase LIMIT 1;
  IF top.usage_type <> 'NatGateway-Bytes' OR top.delta <> 22000 OR top.pct_of_increase <> 33.8 THEN
    RAISE EXCEPTION 'unexpected top line: %', top;
  END IF;
  SELECT count(*) INTO n FROM cost_increase WHERE team = '(untagged)' AND delta = 15000;
  IF n <> 1 THEN RAISE EXCEPTION 'untagged load-test EC2 not reported'; END IF;
  SELECT count(*) INTO n FROM cost_increase;
  IF n <> 5 THEN RAISE EXCEPTION 'expected 5 changed lines, got %', n; END IF;
END $$;
