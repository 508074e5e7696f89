import sys
from pathlib import Path

# The example agent is a plain module next to its test.
sys.path.insert(0, str(Path(__file__).parent))
