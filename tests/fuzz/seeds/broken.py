def unfinished(a, b:
    return a +

class (Base):
    def method(self)
        pass

x = [1, 2,
from . import
