-- use: unqualified names (the views' tables) are the lake's.
use lake;
