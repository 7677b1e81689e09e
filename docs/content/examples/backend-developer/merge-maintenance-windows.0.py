# Harness: the values in the example's comments, plus edge cases.
{{EXAMPLE}}

windows = [(60, 120), (100, 180), (300, 330), (320, 400)]
assert merge(windows) == [[60, 180], [300, 400]]
assert free_slots(windows, 0, 1440, 90) == [(180, 300), (400, 1440)]
assert merge([]) == [] and free_slots([], 0, 1440, 30) == [(0, 1440)]
assert merge([(10, 20), (20, 30)]) == [[10, 30]]                 # touching windows merge
assert free_slots([(0, 1440)], 0, 1440, 1) == []
assert free_slots([(-30, 30), (1400, 1500)], 0, 1440, 60) == [(30, 1400)]   # clipped to the day
print("maintenance window checks passed")
