-- Harness: runs the example (which writes two Parquet files in the working directory), then
-- checks the numbers the answer quotes: 12 row groups, all 12 to read in arrival order, 1 when
-- sorted, and the same total for store 4172 from both files.
{{EXAMPLE}}

CREATE TABLE must_read AS
SELECT file_name,
       COUNT(*) AS row_groups,
       COUNT(*) FILTER (WHERE 4172 BETWEEN CAST(stats_min AS INTEGER) AND CAST(stats_max AS INTEGER)) AS n
FROM parquet_metadata(['june_arrival.parquet', 'june_sorted.parquet'])
WHERE path_in_schema = 'store_id'
GROUP BY file_name;

SELECT CASE WHEN (SELECT row_groups FROM must_read WHERE file_name = 'june_arrival.parquet') <> 12
              OR (SELECT n FROM must_read WHERE file_name = 'june_arrival.parquet') <> 12
              OR (SELECT n FROM must_read WHERE file_name = 'june_sorted.parquet') <> 1
            THEN error('unexpected row-group counts') END;

SELECT CASE WHEN (SELECT SUM(amount) FROM 'june_arrival.parquet' WHERE store_id = 4172)
              <> (SELECT SUM(amount) FROM 'june_sorted.parquet' WHERE store_id = 4172)
              OR (SELECT COUNT(*) FROM 'june_sorted.parquet' WHERE store_id = 4172) = 0
            THEN error('the two layouts disagree') END;
