package main

import (
	"fmt"
	"net/http"
	"os"

	"example.test/absent"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, absent.Greeting()) })
	http.ListenAndServe(":"+os.Getenv("PORT"), nil)
}
