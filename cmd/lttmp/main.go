package main

import (
	"fmt"
	"os"

	"github.com/fuliang/talent/internal/textproc"
)

func main() {
	for _, t := range textproc.Default().Keywords(os.Args[1], 12) {
		fmt.Printf("%s(%.2f) ", t.Text, t.Weight)
	}
	fmt.Println()
}
