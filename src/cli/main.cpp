#include <cstdio>

int main() {
  std::puts("radbound: command-line interface under construction");
  return 0;
}
