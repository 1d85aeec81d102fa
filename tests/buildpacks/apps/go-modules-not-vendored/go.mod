module example.test/hello

go 1.21

require example.test/absent v1.0.0
